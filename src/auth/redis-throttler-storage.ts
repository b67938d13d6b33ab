import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

/** One atomic step: count the hit, start the window on the first, report hits and time left. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

/**
 * Rate-limit counters in Redis, shared by every Estate instance (fixed windows
 * of `ttl`). If Redis cannot be reached the request is let through and a warning
 * logged: an unreachable counter store must not take the catalog down.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');

  constructor(private readonly redis: Redis) {}

  static connect(url: string): RedisThrottlerStorage {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    const logger = new Logger('RateLimit');
    let lastReport = 0;
    redis.on('error', (error: Error) => {
      // ioredis reconnects by itself; say so at most once a minute rather than at every attempt.
      if (Date.now() - lastReport > 60_000) {
        lastReport = Date.now();
        logger.warn(`Redis for rate limits unreachable (${error.message}); requests are not limited meanwhile`);
      }
    });
    return new RedisThrottlerStorage(redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, remainingMs] = (await this.redis.eval(HIT, 1, `estate:rate:${throttlerName}:${key}`, ttl)) as [
        number,
        number,
      ];
      const timeToExpire = Math.max(1, Math.ceil(remainingMs / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (error) {
      this.logger.warn(`rate limit not applied, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
