export interface HostArgs {
  dataDir?: string;
  port?: number;
  demo: boolean;
  /** `--demo 5000`: how many demo orders; undefined = the default. */
  demoOrders?: number;
  /** `--allow-host office-pc.lan` (repeatable): names besides 127.0.0.1/localhost the host answers to. */
  allowedHosts?: string[];
}

export function parseHostArgs(argv: string[]): HostArgs {
  const out: HostArgs = { demo: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === '--data-dir' && next) (out.dataDir = next), i++;
    else if (a.startsWith('--data-dir=')) out.dataDir = a.slice(11);
    else if (a === '--port' && next) (out.port = portNumber(next)), i++;
    else if (a.startsWith('--port=')) out.port = portNumber(a.slice(7));
    else if (a === '--allow-host' && next) (out.allowedHosts = [...(out.allowedHosts ?? []), hostName(next)]), i++;
    else if (a === '--demo') {
      out.demo = true;
      if (next && /^\d+$/.test(next)) (out.demoOrders = Number(next)), i++;
    } else throw new Error(`unknown argument "${a}" (usage: --data-dir DIR [--port N] [--demo [N]] [--allow-host NAME[:PORT]]...)`);
  }
  return out;
}

function portNumber(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port: "${v}" is not a port number`);
  return n;
}

function hostName(v: string): string {
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v)) throw new Error(`--allow-host: "${v}" is not a host name (e.g. office-pc.lan or office-pc.lan:8080)`);
  return v.toLowerCase();
}
