// The few parts of autocannon 8 the API benchmark uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Options { url: string; connections?: number; duration?: number; headers?: Record<string, string> }
    interface Result { errors: number; timeouts: number; non2xx: number; requests: { total: number; average: number } }
    interface Instance { on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void }
  }
  function autocannon(opts: autocannon.Options, cb: (err: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export default autocannon;
}
