export const queueStrategies = ['ring_all', 'round_robin', 'longest_idle', 'fewest_calls', 'random'] as const;
export type QueueStrategy = (typeof queueStrategies)[number];
