"""Auth service: validates a session token against DynamoDB (hot path, provisioned concurrency)."""
import json
import os

import boto3
from botocore.config import Config

# Good: one client per container, reused by every warm invocation.
dynamodb = boto3.resource(
    "dynamodb", config=Config(max_pool_connections=50, retries={"max_attempts": 3})
)
sessions = dynamodb.Table(os.environ.get("SESSIONS_TABLE", "sessions"))


def lambda_handler(event, context):
    token = event["headers"].get("authorization", "")
    item = sessions.get_item(Key={"token": token}).get("Item")
    if not item:
        return {"statusCode": 401, "body": json.dumps({"error": "unauthorized"})}
    return {"statusCode": 200, "body": json.dumps({"user": item["user_id"]})}
