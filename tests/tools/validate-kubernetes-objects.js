#!/usr/bin/env node
// Validates the Kubernetes objects of a multi-document YAML file (`helm template` output) against the schemas of the
// Kubernetes API that the npm package kubernetes-models ships (installed beside this script by `npm ci`).
//
//   node validate-kubernetes-objects.js RENDERED.yaml
//
// Prints one JSON array, an entry per object: {index, apiVersion, kind, name, status, errors}. status is
//   valid         the object passes the API's schema (types, enums, required fields) and has no field the API lacks;
//   invalid       errors says where and why;
//   unknown-kind  kubernetes-models has no model for apiVersion/kind (custom resources such as the Prometheus
//                 Operator's ServiceMonitor); only apiVersion, kind and metadata.name are checked.
// The schemas accept unknown fields, as the API server does without strict field validation; a second pass walks
// the models' TypeScript declarations and reports every field they do not declare, as `kubectl --validate=strict`
// would. Exit code 0 when the file parsed (whatever the objects' status), 2 on a usage or YAML error.
'use strict';

const fs = require('fs');
const path = require('path');

const modules = path.join(__dirname, 'node_modules');
const YAML = require(path.join(modules, 'yaml'));

function modelPath(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9]+$/.test(kind)) {
    return null;
  }
  const parts = apiVersion.split('/');
  const folder = parts.length === 1 ? parts[0] : `${parts[0]}/${parts[1]}`;
  if (parts.length > 2 || !/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(folder)) {
    return null;
  }
  try {
    return require.resolve(path.join(modules, 'kubernetes-models', folder, kind));
  } catch {
    return null;
  }
}

// --- Declared fields, from the models' .d.ts files -------------------------------------------------------------

const declarations = new Map();

function declarationFile(spec, fromDir) {
  const resolved = spec.startsWith('.') ? path.resolve(fromDir, spec) : require.resolve(spec, { paths: [fromDir, modules] });
  const file = resolved.replace(/\.(c|m)?js$/, '') + '.d.ts';
  return fs.existsSync(file) ? file : null;
}

// The interfaces of one declaration file: name -> Map(field -> type text), its imports (name -> file) and exported aliases.
function parseDeclarations(file) {
  if (declarations.has(file)) {
    return declarations.get(file);
  }
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^[ \t]*\n/gm, '');
  const dir = path.dirname(file);
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    for (const name of m[1].split(',').map(s => s.trim()).filter(Boolean)) {
      const [original, local] = name.split(/\s+as\s+/);
      imports.set((local || original).trim(), { file: m[2], name: original.trim(), dir });
    }
  }
  const aliases = new Map();
  for (const m of text.matchAll(/export \{([^}]+)\};/g)) {
    for (const name of m[1].split(',').map(s => s.trim()).filter(Boolean)) {
      const [original, exported] = name.split(/\s+as\s+/);
      if (exported) {
        aliases.set(exported.trim(), original.trim());
      }
    }
  }
  const interfaces = new Map();
  for (const m of text.matchAll(/export interface (\w+)[^{]*\{\n([\s\S]*?)\n\}/g)) {
    const fields = new Map();
    // Top-level members are indented by four spaces; a member's type may continue on deeper-indented lines.
    for (const f of (m[2] + '\n').matchAll(/^ {4}"([^"]+)"\??: ([\s\S]*?);\n(?= {4}"|(?![\s\S]))/gm)) {
      fields.set(f[1], f[2]);
    }
    interfaces.set(m[1], fields);
  }
  const parsed = { imports, aliases, interfaces };
  declarations.set(file, parsed);
  return parsed;
}

// The fields of the interface a type name in `file` refers to, with the file they are declared in; null for a
// scalar or an alias (IntOrString, Quantity, Time...).
function resolveInterface(file, typeName) {
  const own = parseDeclarations(file);
  const local = own.aliases.get(typeName) || typeName;
  if (own.interfaces.has(local)) {
    return { file, fields: own.interfaces.get(local) };
  }
  const imported = own.imports.get(typeName);
  if (!imported) {
    return null;
  }
  const target = declarationFile(imported.file, imported.dir);
  return target ? resolveInterface(target, imported.name) : null;
}

// How a field's type text is walked: an interface, an array of one, a map of one, or nothing to walk.
function shape(typeText) {
  let m = /^Array<(\w+)>$/.exec(typeText);
  if (m) {
    return { kind: 'array', type: m[1] };
  }
  m = /^\{\s*\[key: string\]: (\w+);\s*\}$/.exec(typeText);
  if (m) {
    return { kind: 'map', type: m[1] };
  }
  m = /^(\w+)$/.exec(typeText);
  return m ? { kind: 'object', type: m[1] } : null;
}

function unknownFields(value, iface, pointer, errors) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const type = iface.fields.get(key);
    if (type === undefined) {
      errors.push(`${pointer}/${key}: unknown field "${key}"`);
      continue;
    }
    const s = shape(type);
    if (!s || ['string', 'number', 'boolean', 'any', 'object'].includes(s.type)) {
      continue;
    }
    const target = resolveInterface(iface.file, s.type);
    if (!target) {
      continue;
    }
    if (s.kind === 'object') {
      unknownFields(child, target, `${pointer}/${key}`, errors);
    } else if (s.kind === 'array' && Array.isArray(child)) {
      child.forEach((item, i) => unknownFields(item, target, `${pointer}/${key}/${i}`, errors));
    } else if (s.kind === 'map' && child && typeof child === 'object') {
      for (const [k, item] of Object.entries(child)) {
        unknownFields(item, target, `${pointer}/${key}/${k}`, errors);
      }
    }
  }
}

// --- Main --------------------------------------------------------------------------------------------------------

function validate(object, index) {
  const entry = {
    index,
    apiVersion: object && object.apiVersion,
    kind: object && object.kind,
    name: object && object.metadata && object.metadata.name,
    status: 'valid',
    errors: [],
  };
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    entry.status = 'invalid';
    entry.errors.push('the document is not a mapping');
    return entry;
  }
  for (const field of ['apiVersion', 'kind']) {
    if (typeof object[field] !== 'string' || object[field] === '') {
      entry.errors.push(`/${field}: missing or not a string`);
    }
  }
  if (!object.metadata || typeof object.metadata.name !== 'string' || object.metadata.name === '') {
    entry.errors.push('/metadata/name: missing or not a string');
  }
  const model = entry.errors.length === 0 ? modelPath(object.apiVersion, object.kind) : null;
  if (entry.errors.length === 0 && !model) {
    entry.status = 'unknown-kind';
    return entry;
  }
  if (model) {
    const Model = require(model)[object.kind];
    try {
      new Model(object).validate();
    } catch (e) {
      const details = Array.isArray(e.errors) ? e.errors.map(x => `${x.instancePath || '/'}: ${x.message}${x.params && x.params.allowedValues ? ' ' + JSON.stringify(x.params.allowedValues) : ''}`) : [String(e.message || e)];
      entry.errors.push(...details);
    }
    const root = resolveInterface(model.replace(/\.js$/, '.d.ts'), `I${object.kind}`);
    if (!root) {
      entry.errors.push(`no declaration of I${object.kind} beside ${model}`);
    } else {
      unknownFields(object, root, '', entry.errors);
    }
  }
  if (entry.errors.length > 0) {
    entry.status = 'invalid';
  }
  return entry;
}

function main() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: validate-kubernetes-objects.js RENDERED.yaml\n');
    process.exit(2);
  }
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' });
  const results = [];
  let index = 0;
  for (const doc of documents) {
    if (doc.errors && doc.errors.length > 0) {
      process.stderr.write(`${file}: YAML error: ${doc.errors[0].message}\n`);
      process.exit(2);
    }
    const object = doc.toJS();
    if (object === null || object === undefined) {
      continue;
    }
    results.push(validate(object, index++));
  }
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

main();
