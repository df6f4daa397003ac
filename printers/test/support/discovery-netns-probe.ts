// Run by discovery.test.ts inside a private network namespace (unshare --net) where only the
// loopback interface exists, so the multicast it sends can never reach a real network. It plays a
// printer that announces `_pdl-datastream._tcp`, announces the hub, browses for both with our own
// functions, and prints the result as one JSON line.
import os from 'node:os';
import Bonjour from 'bonjour-service';
import { advertiseHub, browseHubs, browsePrinters } from '../../src/discovery.ts';

const interfaces = Object.keys(os.networkInterfaces());
if (interfaces.some((name) => name !== 'lo')) {
  // Refuse rather than multicast on a real LAN.
  console.log(JSON.stringify({ error: `not in a private network namespace (interfaces: ${interfaces.join(', ')})` }));
  process.exit(2);
}

const printer = new Bonjour({}, (error: Error) => console.error('fake printer mDNS:', error.message));
printer.publish({ name: 'Fake Kitchen Printer', type: 'pdl-datastream', port: 9100, txt: { ty: 'Fake ESC/POS 80mm', pdl: 'application/vnd.epson.escpos' } });

const hub = await advertiseHub({ name: 'OneMoment Hub (netns test)', port: 8080, txt: { version: 'test' } });
const [printers, hubs] = await Promise.all([browsePrinters({ timeoutMs: 2500 }), browseHubs({ timeoutMs: 2500 })]);
await hub.stop();
await new Promise<void>((resolve) => printer.unpublishAll(() => printer.destroy(() => resolve())));

console.log(JSON.stringify({ interfaces, printers, hubs }));
