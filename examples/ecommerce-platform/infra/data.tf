resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = 1073741824

    result_configuration {
      output_location = "s3://ecommerce-athena-results/"
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "token"

  attribute {
    name = "token"
    type = "S"
  }
}

resource "aws_glue_catalog_table" "sales" {
  name          = "sales"
  database_name = "analytics"
  table_type    = "EXTERNAL_TABLE"

  partition_keys {
    name = "sale_date"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://ecommerce-lake/sales/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    columns {
      name = "category"
      type = "string"
    }
    columns {
      name = "revenue"
      type = "double"
    }
  }
}

resource "aws_glue_crawler" "sales" {
  name          = "sales-crawler"
  database_name = "analytics"
  role          = "arn:aws:iam::123456789012:role/glue"
  # Runs every hour, including business hours.
  schedule      = "cron(0 * * * ? *)"

  s3_target {
    path = "s3://ecommerce-lake/sales/"
  }
}

resource "aws_cloudfront_distribution" "web" {
  enabled = true

  origin {
    domain_name = "ecommerce-web.s3.amazonaws.com"
    origin_id   = "web"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "web"
    viewer_protocol_policy = "allow-all"
    compress               = false
    min_ttl                = 0
    default_ttl            = 3600
    max_ttl                = 86400

    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
