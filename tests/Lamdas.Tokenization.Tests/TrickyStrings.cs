namespace Lamdas.Tokenization.Tests;

/// <summary>Inputs that exercise Unicode, whitespace and special-token edge cases.</summary>
internal static class TrickyStrings
{
    public static readonly string[] All =
    [
        "Hello, my dog is cute",
        " Hello world",
        "  leading and trailing  ",
        "tabs\tand\t\ttabs",
        "a\r\nb\r\n\r\nc",
        "x  \n\n  y",
        "end with spaces   ",
        "<|endoftext|>",
        "text<|endoftext|>more<|im_start|>",
        "<think>reasoning</think> answer",
        "DON'T YOU'LL WE'RE THEY'VE HE'D SHE'S I'M",
        "don't you'll 'sup x'ſ",
        "café and cafe\u0301",
        "e\u0323\u0301 \u1E9B\u0323 \u212B",
        "한국어 \u1100\u1161\u11A8",
        "日本語のテキストです。中文文本，包含标点符号！",
        "Ελληνικά Русский עברית العربية हिन्दी ไทย",
        "emoji 😀😃 👨‍👩‍👧‍👦 🇺🇸 ❤️",
        "𝐀𝐁𝐂 math bold 𠀀𠀁 ext-b 𝟘𝟙𝟚",
        "a𝐀b 𝐀1𝐁",
        "1,000,000.50 Ⅳ ½ ٣٤٥",
        "#include <stdio.h>\nint main() { return 0; }\n",
        "\u00A0nbsp \u3000ideo \u2028 \u0085 \u200Bzwsp \uFEFF",
        "\u0000\u0001\u001B\u007F",
        "\u0301start ﬁ ＡＢＣ",
        "\U0010FFFD\uE000",
    ];
}
