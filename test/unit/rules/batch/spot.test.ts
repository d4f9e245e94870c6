import { batchSpot } from '../../../../src/core/rules/batch/spot';
import { ruleTester } from '../../rule-tester';

const env = (name: string, type: string) =>
  `resource "aws_batch_compute_environment" "${name}" {\n  type = "MANAGED"\n\n  compute_resources {\n    type      = "${type}"\n    max_vcpus = 64\n  }\n}\n`;

ruleTester(batchSpot, {
  valid: [
    { name: 'spot', filename: 'batch.tf', code: env('spot', 'SPOT') },
    {
      name: 'on-demand as the fallback of a queue that lists spot',
      filename: 'batch.tf',
      code:
        env('spot', 'SPOT') +
        env('ondemand', 'EC2') +
        'resource "aws_batch_job_queue" "q" {\n  compute_environment_order {\n    order               = 1\n    compute_environment = aws_batch_compute_environment.spot.arn\n  }\n  compute_environment_order {\n    order               = 2\n    compute_environment = aws_batch_compute_environment.ondemand.arn\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'batch.tf',
      code: env('main', 'EC2'),
      errors: [
        {
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 22,
          message: '"EC2" and no job queue pairs it with SPOT',
        },
      ],
      output: null,
    },
  ],
});
