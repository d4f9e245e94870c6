"""Analytics service: starts an Athena query for a dashboard tile."""
import json


def lambda_handler(event, context):
    # Bad: imported and built on every invocation (cold-start work paid per request).
    import boto3
    athena = boto3.client("athena")
    execution = athena.start_query_execution(
        QueryString="SELECT category, SUM(revenue) FROM analytics.sales GROUP BY category",
        WorkGroup="analytics",
    )
    return {"statusCode": 202, "body": json.dumps({"id": execution["QueryExecutionId"]})}
