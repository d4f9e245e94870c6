resource "aws_lambda_function" "auth" {
  function_name = "ecommerce-auth-service"
  filename      = "build/auth.zip"
  source_dir    = "../services/auth"
  handler       = "app.lambda_handler"
  runtime       = "python3.12"
  role          = "arn:aws:iam::123456789012:role/lambda"
  memory_size   = 512
  timeout       = 29
}

resource "aws_lambda_provisioned_concurrency_config" "auth" {
  function_name                     = aws_lambda_function.auth.function_name
  provisioned_concurrent_executions = 5
  qualifier                         = "live"
}

resource "aws_lambda_function" "analytics" {
  function_name = "ecommerce-analytics-service"
  filename      = "build/analytics.zip"
  handler       = "app.lambda_handler"
  runtime       = "python3.12"
  role          = "arn:aws:iam::123456789012:role/lambda"
  memory_size   = 1024
  timeout       = 29
}

resource "aws_lambda_function" "market_intelligence" {
  function_name = "ecommerce-market-intelligence"
  filename      = "build/market.zip"
  handler       = "app.lambda_handler"
  runtime       = "python3.12"
  role          = "arn:aws:iam::123456789012:role/lambda"
  # Below the guide's 3072 MB for this CPU-heavy function.
  memory_size   = 1024
  timeout       = 60
}

resource "aws_cloudwatch_log_group" "analytics" {
  name = "/aws/lambda/ecommerce-analytics-service"
  # No retention_in_days: logs kept (and billed) forever.
}
