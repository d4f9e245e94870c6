"""Market intelligence: scores competitor prices (CPU heavy, 3 GB)."""
import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ.get("PRICES_TABLE", "prices"))


def lambda_handler(event, context):
    # Bad: a Scan with a filter reads the whole table and filters afterwards.
    rows = table.scan(
        FilterExpression="category = :c",
        ExpressionAttributeValues={":c": event["category"]},
    )["Items"]
    return {"statusCode": 200, "body": json.dumps({"count": len(rows)})}
