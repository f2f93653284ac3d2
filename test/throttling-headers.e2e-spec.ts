import { describeRateLimitHeaders } from './support/rate-limit-headers.js';

// With the counters in Redis: redis-throttling.services-spec.ts.
describeRateLimitHeaders('in memory');
