"""Demand insights: forecasts cached in Redis."""
import json
import os

import redis

cache = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"), port=6379)


def forecast(sku):
    return {"sku": sku, "units": 42}


def lambda_handler(event, context):
    sku = event["sku"]
    hit = cache.get(f"forecast:{sku}")
    if hit:
        return json.loads(hit)
    result = forecast(sku)
    # Bad: cached without a TTL (the guide caches forecasts for 5 minutes).
    cache.set(f"forecast:{sku}", json.dumps(result))
    return result
