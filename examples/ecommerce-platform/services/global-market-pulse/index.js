// Global market pulse: publishes a summary to SNS (correct: client at module scope).
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const sns = new SNSClient({});

exports.handler = async (event) => {
  await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: JSON.stringify(event) }));
  return { statusCode: 200 };
};
