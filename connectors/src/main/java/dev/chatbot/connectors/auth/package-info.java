/**
 * Staff accounts and sign-in for agents and admins: accounts in the database with slow salted password hashes,
 * sign-in that answers unknown users and wrong passwords alike and locks out guessing (per account and per address),
 * signed tokens that expire and stop working as soon as an account is disabled, the first admin from the environment,
 * and one filter that checks the token, the role and the requesting site on every agent and admin call.
 */
package dev.chatbot.connectors.auth;
