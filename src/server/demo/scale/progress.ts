// A progress bar on stderr for long loads: share done, rows per second and time left, redrawn at most
// once a second (silent when off, as in tests).
export interface ProgressBar {
  tick(done: number, rows: number): void;
  done(): void;
}

const clockOf = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s`);

export function progressBar(total: number, on: boolean): ProgressBar {
  const started = Date.now();
  let rows = 0;
  let drawnAt = 0;
  const draw = (done: number) => {
    const elapsed = (Date.now() - started) / 1000;
    const share = total ? done / total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const eta = share > 0 ? (elapsed / share) * (1 - share) : 0;
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(share * 100).toFixed(1)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} people · ${Math.round(rows / Math.max(elapsed, 0.001)).toLocaleString("en-US")} rows/s · ${clockOf(elapsed)} elapsed · ETA ${clockOf(eta)}  `);
  };
  return {
    tick(done, n) {
      rows += n;
      if (!on || (Date.now() - drawnAt < 1000 && done < total)) return;
      drawnAt = Date.now();
      draw(done);
    },
    done() {
      if (on) process.stderr.write("\n");
    },
  };
}
