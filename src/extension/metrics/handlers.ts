/**
 * Where deployed functions' handlers are in the workspace: through the engine's handler index (infrastructure
 * `handler` settings resolved to module files) when the extension shares its workspaces, else by the deployed
 * `Handler` setting (`app.lambda_handler` → a unique `app.py`/`app.js`/… in the workspace).
 */
import * as vscode from 'vscode';
import type { Workspace } from '../../core';
import { getHandlerIndex } from '../../core/handlers';
import type { LambdaFunctionInfo } from '../../core/metrics/types';
import { mapHandlers, pickByName, type HandlerSite } from '../../core/metrics/compute';

export interface EngineFolder {
  folder: vscode.WorkspaceFolder | undefined;
  ws: Workspace;
}

export interface HandlerLocation {
  uri: vscode.Uri;
  /** Path relative to its workspace folder, forward slashes. */
  file: string;
  line: number;
}

const WALK_EXCLUDE =
  '**/{node_modules,.git,.venv,venv,site-packages,cdk.out,.aws-sam,.terraform,.serverless,dist,build,out,.vscode-test}/**';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 0-based line where `name` is defined in a Python or JS/TS module, or undefined. */
export function definitionLine(text: string, name: string): number | undefined {
  const n = escapeRe(name);
  const patterns = [
    new RegExp(`^\\s*(?:async\\s+)?def\\s+${n}\\s*\\(`, 'm'),
    new RegExp(`^\\s*(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${n}\\s*[(<]`, 'm'),
    new RegExp(`^\\s*(?:export\\s+)?(?:const|let|var)\\s+${n}\\b`, 'm'),
    new RegExp(`^\\s*(?:module\\.)?exports\\.${n}\\s*=`, 'm'),
    new RegExp(`^\\s*export\\s*\\{[^}]*\\b${n}\\b`, 'm'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) {
      const at = m.index + (m[0].length - m[0].trimStart().length);
      return text.slice(0, at).split('\n').length - 1;
    }
  }
  return undefined;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Function names the workspace's infrastructure defines (deployed names when literal, else logical names). */
export function definedFunctionNames(folders: readonly EngineFolder[]): string[] {
  const names = new Set<string>();
  for (const f of folders) {
    try {
      for (const r of getHandlerIndex(f.ws).refs) {
        if (r.deployedName) names.add(r.deployedName);
        names.add(r.logicalName);
      }
    } catch {
      // an index that cannot be built names nothing
    }
  }
  return [...names];
}

/** Locate each deployed function's handler. */
export async function locateHandlers(
  functions: readonly LambdaFunctionInfo[],
  folders: readonly EngineFolder[],
): Promise<Map<string, HandlerLocation>> {
  const out = new Map<string, HandlerLocation>();
  // 1. The engine's handler index.
  for (const f of folders) {
    if (!f.folder) continue;
    let sites: (HandlerSite & { fn: string })[] = [];
    try {
      sites = getHandlerIndex(f.ws)
        .refs.filter((r) => r.resolvedFile)
        .map((r) => ({
          names: [r.deployedName, r.logicalName].filter((x): x is string => !!x),
          handler: r.handler,
          file: r.resolvedFile!,
          line: 0,
          fn: r.functionName.split('.').pop() ?? r.functionName,
        }));
    } catch {
      continue;
    }
    const mapped = mapHandlers(
      functions.filter((fn) => !out.has(fn.name)),
      sites,
    );
    for (const [name, loc] of mapped) {
      const site =
        sites.find((s) => s.file === loc.file && s.names.some((n) => n === name)) ??
        sites.find((s) => s.file === loc.file);
      const uri = vscode.Uri.joinPath(f.folder.uri, loc.file);
      const text = await readText(uri);
      out.set(name, {
        uri,
        file: loc.file,
        line: (text !== undefined && site ? definitionLine(text, site.fn) : undefined) ?? 0,
      });
    }
  }
  // 2. The deployed Handler setting, when it names a unique module in the workspace.
  for (const fn of functions) {
    if (out.has(fn.name) || !fn.handler) continue;
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) continue;
    const modulePath = fn.handler.slice(0, dot);
    const name = fn.handler.slice(dot + 1);
    const exts = fn.runtime?.startsWith('python')
      ? 'py'
      : fn.runtime?.startsWith('nodejs')
        ? '{js,mjs,cjs,ts}'
        : '{py,js,mjs,cjs,ts}';
    let found: vscode.Uri[] = [];
    try {
      found = await vscode.workspace.findFiles(`**/${modulePath}.${exts}`, WALK_EXCLUDE, 50);
    } catch {
      continue;
    }
    const withDef: HandlerLocation[] = [];
    for (const uri of found) {
      const text = await readText(uri);
      const line = text === undefined ? undefined : definitionLine(text, name);
      if (line === undefined) continue;
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const file = folder ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath;
      withDef.push({ uri, file, line });
    }
    const picked = pickByName(
      fn.name,
      withDef.map((w) => w.file),
    );
    const loc = withDef.find((w) => w.file === picked);
    if (loc) out.set(fn.name, loc);
  }
  return out;
}
