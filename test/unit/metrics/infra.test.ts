import * as assert from 'node:assert/strict';
import { createWorkspace } from '../../../src/core';
import { apiStagesFromWorkspace } from '../../../src/core/metrics/infra';

describe('metrics: API stages from the infrastructure', () => {
  it('reads aws_api_gateway_stage with its REST API name', async () => {
    const ws = createWorkspace('/ws');
    ws.setFile(
      'infra/api.tf',
      `variable "project_name" {
  default = "ecommerce"
}

resource "aws_api_gateway_rest_api" "main" {
  name = "\${var.project_name}-api"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.main.id
  stage_name    = "prod"
  deployment_id = "abc"
}
`,
    );
    await ws.prepare();
    assert.deepEqual(apiStagesFromWorkspace(ws), [{ apiName: 'ecommerce-api', stage: 'prod' }]);
  });

  it('knows no stage without infrastructure', () => {
    assert.deepEqual(apiStagesFromWorkspace(createWorkspace('/ws')), []);
  });
});
