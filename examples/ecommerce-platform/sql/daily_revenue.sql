-- Good: filters on the partition key and names its columns.
SELECT category, SUM(total) AS revenue
FROM analytics.orders
WHERE order_date = '2024-06-01'
GROUP BY category;

-- Bad: every partition is scanned.
SELECT customer_id, SUM(total) AS lifetime_value
FROM analytics.orders
GROUP BY customer_id;
