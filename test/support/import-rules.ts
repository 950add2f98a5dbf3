import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import statement found in a source file. */
export interface ImportEdge {
  file: string;
  specifier: string;
  /** Repository-relative path for relative imports; the package name otherwise. */
  target: string;
}

/** A rule: files matching `from` may not import targets matching `forbid` (unless `allow` matches). */
export interface ImportRule {
  name: string;
  from: RegExp;
  forbid: RegExp;
  allow?: RegExp;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Lists the import edges of one file's text. */
export function importsOf(file: string, text: string, root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    if (!specifier) continue;
    const target = specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : packageName(specifier);
    edges.push({ file, specifier, target });
  }
  return edges;
}

const packageName = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/** Every .ts/.mjs file under `dirs` (repository-relative), skipping generated code. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'generated') continue;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs)$/.test(name)) out.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return out;
}

/** Returns a readable line for each edge that breaks a rule. */
export function violations(edges: ImportEdge[], rules: ImportRule[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    for (const rule of rules) {
      if (rule.from.test(edge.file) && rule.forbid.test(edge.target) && !(rule.allow?.test(edge.target) ?? false)) {
        found.push(`${rule.name}: ${edge.file} imports "${edge.specifier}"`);
      }
    }
  }
  return found;
}

/** Reads the files and checks them against the rules. */
export function checkTree(root: string, dirs: string[], rules: ImportRule[]): string[] {
  const edges = sourceFiles(root, dirs).flatMap((file) => importsOf(file, readFileSync(join(root, file), 'utf8'), root));
  return violations(edges, rules);
}
