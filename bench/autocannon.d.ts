// autocannon ships no type declarations; the bench uses it loosely.
declare module "autocannon" {
  interface Instance extends PromiseLike<any> {
    on(event: string, listener: (...args: any[]) => void): Instance;
  }
  const autocannon: (opts: Record<string, unknown>) => Instance;
  export default autocannon;
}
