/** The Redis channel prefix of socket.io's adapter and emitters; per deployment, as Redis pub/sub ignores databases. */
export const socketIoRedisKey = (queuePrefix: string): string => `${queuePrefix}:socket.io`;
