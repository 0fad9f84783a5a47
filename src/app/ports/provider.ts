/**
 * What the app needs from a WhatsApp calling/messaging provider. Meta's Cloud API is the first
 * adapter (src/providers/meta); errors come back as AppError with our codes and the provider's
 * own code and message in `details`.
 */
export interface ChannelCredentials {
  phoneNumberId: string;
  accessToken: string;
}

export interface CallProvider {
  connect(ch: ChannelCredentials, to: string, sdpOffer: string, opaque?: string): Promise<{ providerCallId: string }>;
  preAccept(ch: ChannelCredentials, providerCallId: string, sdpAnswer: string): Promise<void>;
  accept(ch: ChannelCredentials, providerCallId: string, sdpAnswer: string, opaque?: string): Promise<void>;
  reject(ch: ChannelCredentials, providerCallId: string): Promise<void>;
  terminate(ch: ChannelCredentials, providerCallId: string): Promise<void>;
}

export interface PermissionLimit {
  period: string;
  maxAllowed: number;
  currentUsage: number;
  limitExpiresAt: Date | null;
}

export interface ProviderPermissionState {
  status: 'no_permission' | 'temporary' | 'permanent';
  expiresAt: Date | null;
  canRequest: boolean;
  canCall: boolean;
  requestLimits: PermissionLimit[];
  callLimits: PermissionLimit[];
}

export interface MessageSender {
  sendText(ch: ChannelCredentials, to: string, text: string): Promise<{ providerMessageId: string }>;
  sendPermissionRequest(ch: ChannelCredentials, to: string, bodyText?: string): Promise<{ providerMessageId: string }>;
  sendTemplate(ch: ChannelCredentials, to: string, name: string, language: string, components?: unknown[]): Promise<{ providerMessageId: string }>;
  getCallPermissions(ch: ChannelCredentials, userWaId: string): Promise<ProviderPermissionState>;
  getCallingSettings(ch: ChannelCredentials): Promise<Record<string, unknown>>;
  updateCallingSettings(ch: ChannelCredentials, calling: Record<string, unknown>): Promise<void>;
}
