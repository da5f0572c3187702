/** One scrape of a Prometheus text endpoint: the value of a series by name and (some of its) labels. */
export class PrometheusScrape {
  private constructor(private readonly samples: Array<{ name: string; labels: Record<string, string>; value: number }>) {}

  static async of(url: string): Promise<PrometheusScrape> {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    const samples = (await response.text())
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match) throw new Error(`not a Prometheus sample: ${line}`);
        const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key!, value!]));
        return { name: match[1]!, labels, value: Number(match[3]) };
      });
    return new PrometheusScrape(samples);
  }

  /** The sum of every series of `name` whose labels include `labels` (0 when there is none). */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.matching(name, labels).reduce((sum, sample) => sum + sample.value, 0);
  }

  has(name: string, labels: Record<string, string> = {}): boolean {
    return this.matching(name, labels).length > 0;
  }

  private matching(name: string, labels: Record<string, string>) {
    return this.samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  }
}
