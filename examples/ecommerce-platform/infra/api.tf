resource "aws_api_gateway_rest_api" "platform" {
  name = "ecommerce-platform"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.platform.id
  deployment_id = "deployment"
  stage_name    = "prod"
  # Missing: cache_cluster_enabled / cache_cluster_size (the guide starts at 0.5 GB, TTL 300 s).
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.platform.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    throttling_burst_limit = 5000
    throttling_rate_limit  = 2000
  }
}
