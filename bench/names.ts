/** The PostgreSQL database `npm run bench:big` builds and `npm run bench` measures when it exists. */
export const BIG_DATABASE = 'concord_bench_big';
