/** The `perfguard.*` settings this part of the extension reads. */
import * as vscode from 'vscode';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  rules: Record<string, unknown>;
  targets: Record<string, unknown>;
  exclude: string[];
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('perfguard', scope);
  const rules = c.get<unknown>('rules');
  const targets = c.get<unknown>('targets');
  const exclude = c.get<unknown>('exclude');
  return {
    enable: c.get<boolean>('enable', true) !== false,
    run: c.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    rules: isObject(rules) ? rules : {},
    targets: isObject(targets) ? targets : {},
    exclude: Array.isArray(exclude) ? exclude.filter((e): e is string => typeof e === 'string') : [],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
