# Sourced by the load scripts: every simulated customer comes from this one address and sends as fast as the bot
# answers, so the per-socket and per-address limits against abuse (docs/security.md#network-and-protocol-abuse)
# are lifted for the benchmark server. Never use these values in production.
export CHATBOT_WIDGET_RATE_LIMIT_BURST=1000000 CHATBOT_WIDGET_RATE_LIMIT_PER_MINUTE=100000000
export CHATBOT_WIDGET_FRAME_BURST=1000000 CHATBOT_WIDGET_FRAMES_PER_SECOND=1000000
export CHATBOT_NETWORK_SESSION_BURST=1000000 CHATBOT_NETWORK_SESSIONS_PER_MINUTE=100000000
export CHATBOT_NETWORK_MAX_SOCKETS_PER_ADDRESS=1000000
export CHATBOT_NETWORK_MESSAGE_BURST=1000000 CHATBOT_NETWORK_MESSAGES_PER_MINUTE=100000000
