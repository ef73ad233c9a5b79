/**
 * The CRM port: orders, customers and refunds as the dialogue layer sees them (contracts section 4), and the
 * errors a CRM can give. Two implementations live in {@code connectors}: the embedded demo CRM and the HTTP CRM;
 * both pass the same contract tests.
 */
package dev.chatbot.core.crm;
