/**
 * What the workspace's infrastructure says about the live figures to fetch: the API Gateway stages it defines
 * (so their metrics are fetched even where CloudWatch ListMetrics is not allowed).
 */
import type { WorkspaceContext } from '../engine/workspace';
import { iacModel, stringOf, type Resource } from '../iac';
import type { ApiStageRef } from './types';

function attr(r: Resource, name: string): string | undefined {
  return stringOf(r.attributes.get(name)?.value);
}

/** `aws_api_gateway_stage` resources with a literal (or resolved) stage name and REST API name. */
export function apiStagesFromWorkspace(ws: WorkspaceContext): ApiStageRef[] {
  const out = new Map<string, ApiStageRef>();
  let model;
  try {
    model = iacModel(ws);
  } catch {
    return [];
  }
  for (const stage of model.ofType('aws_api_gateway_stage')) {
    if (stage.mode !== 'resource') continue;
    const stageName = attr(stage, 'stage_name');
    const ref = stage.attributes.get('rest_api_id')?.refs.find((x) => x.type === 'aws_api_gateway_rest_api');
    const api = ref?.address ? model.byAddress(ref.address) : undefined;
    const apiName = api ? attr(api, 'name') : undefined;
    if (stageName && apiName) out.set(`${apiName}\u0000${stageName}`, { apiName, stage: stageName });
  }
  return [...out.values()];
}
