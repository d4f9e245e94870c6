/** Live metrics, pure parts: snapshot building, target colouring, cost, the report, the view protocol. */
export * from './types';
export * from './compute';
export * from './report';
export * from './protocol';
