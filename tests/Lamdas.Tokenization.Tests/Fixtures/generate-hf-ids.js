// Produces reference ids with Hugging Face tokenizers (Rust core, Node binding: `npm install tokenizers@0.23.2`).
// Usage: node generate-hf-ids.js <tokenizers-dir> < texts.jsonl > ids.jsonl
//   texts.jsonl: one JSON string per line; <tokenizers-dir> holds qwen2/tokenizer.json and gpt2/{vocab.json,merges.txt}.
// Encoding uses add_special_tokens=false. The Node binding cannot set encode_special_tokens, so special added
// tokens get unmatchable content instead (same ids, never matched in text), which has the same effect.
const fs = require('fs');
const path = require('path');
const tk = require('tokenizers');

const root = process.argv[2];

function qwen2() {
  const j = JSON.parse(fs.readFileSync(path.join(root, 'qwen2', 'tokenizer.json'), 'utf8'));
  j.added_tokens.forEach((t, i) => { if (t.special) t.content = '\uE000\uE001SPECIAL' + i + '\uE002'; });
  return tk.Tokenizer.fromString(JSON.stringify(j));
}

function gpt2() {
  const vocab = JSON.parse(fs.readFileSync(path.join(root, 'gpt2', 'vocab.json'), 'utf8'));
  const merges = fs.readFileSync(path.join(root, 'gpt2', 'merges.txt'), 'utf8').split('\n')
    .filter(l => l.length > 0 && !l.startsWith('#version')).map(l => l.split(' '));
  return tk.Tokenizer.fromString(JSON.stringify({
    version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null, decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '',
      fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges },
  }));
}

(async () => {
  const texts = fs.readFileSync(0, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l));
  const out = [];
  for (const [name, tokenizer] of [['qwen2', qwen2()], ['gpt2', gpt2()]]) {
    for (const text of texts) {
      const encoding = await tokenizer.encode(text, null, { addSpecialTokens: false });
      out.push(JSON.stringify({ tokenizer: name, text, ids: encoding.getIds() }));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
})();
