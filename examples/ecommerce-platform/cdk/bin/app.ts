import { App } from 'aws-cdk-lib';
import { PulseStack } from '../lib/pulse-stack';

const app = new App();
new PulseStack(app, 'GlobalMarketPulse');
