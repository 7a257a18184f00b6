/** Prefix of the refusal reason when the agent's reply does not match DeviceCommandReplySchema. */
export const INVALID_AGENT_REPLY_REASON = 'invalid agent reply';
