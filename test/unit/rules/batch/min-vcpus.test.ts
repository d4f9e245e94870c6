import { batchMinVcpus } from '../../../../src/core/rules/batch/min-vcpus';
import { ruleTester } from '../../rule-tester';

ruleTester(batchMinVcpus, {
  valid: [
    {
      name: "the guide's compute environment",
      filename: 'batch.tf',
      code: `resource "aws_batch_compute_environment" "main" {
  compute_resources {
    type      = "EC2"
    min_vcpus = 4   # Increase from 0
    max_vcpus = 64  # Increase from 16

    instance_type = [
      "c5.2xlarge",  # CPU-optimized
      "c5.4xlarge"
    ]
  }
}
`,
    },
    {
      name: 'Fargate has no minimum',
      filename: 'batch.tf',
      code: 'resource "aws_batch_compute_environment" "f" {\n  compute_resources {\n    type      = "FARGATE"\n    max_vcpus = 16\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'batch.tf',
      code: 'resource "aws_batch_compute_environment" "main" {\n  compute_resources {\n    type      = "EC2"\n    min_vcpus = 0\n    max_vcpus = 16\n  }\n}\n',
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 18,
          message: 'min_vcpus is 0',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output:
                'resource "aws_batch_compute_environment" "main" {\n  compute_resources {\n    type      = "EC2"\n    min_vcpus = 4\n    max_vcpus = 16\n  }\n}\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
