export const ADMIN = { email: 'admin@interfactura.com', password: 'clave-de-prueba-123' };

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A signed-in agent talking to the gateway's HTTP API. */
export class ApiClient {
  constructor(
    readonly base: string,
    private token?: string,
  ) {}

  static async signIn(base: string, credentials: { email: string; password: string } = ADMIN): Promise<ApiClient> {
    const client = new ApiClient(base);
    const response = await client.post<{ accessToken: string }>('/api/auth/login', credentials);
    if (response.status !== 200) throw new Error(`sign-in of ${credentials.email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    client.token = response.body.accessToken;
    return client;
  }

  get accessToken(): string | undefined {
    return this.token;
  }

  get<T = Record<string, unknown>>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  patch<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body);
  }

  /** Creates an agent (the client must be an administrator) and signs in as them. */
  async createAgent(agent: { name: string; email: string; tier: 'L1' | 'L2' | 'L3'; role?: 'agent' | 'admin' }): Promise<ApiClient> {
    const password = `clave-${agent.email}`;
    const created = await this.post('/api/agents', { ...agent, password });
    if (created.status !== 201) throw new Error(`creating ${agent.email} failed: ${created.status} ${JSON.stringify(created.body)}`);
    return ApiClient.signIn(this.base, { email: agent.email, password });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON answers (downloads) stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
}
