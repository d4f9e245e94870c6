// Retail copilot: answers product questions from the catalog table.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

export const handler = async (event: { productId: string }) => {
  // Bad: a new client (and TLS connection) on every invocation.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const out = await client.send(new GetCommand({ TableName: 'catalog', Key: { id: event.productId } }));
  return { statusCode: 200, body: JSON.stringify(out.Item ?? null) };
};
