package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.config.ChatbotConfig;
import dev.chatbot.connectors.http.ApiException;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up: creates the first admin from {@code CHATBOT_ADMIN_USERNAME} / {@code CHATBOT_ADMIN_PASSWORD} when that
 * account does not exist yet (an existing account is left alone: change its password in the admin page), and in
 * explicit demo mode ({@code chatbot.demo=true}) the documented demo accounts. Without either and without any admin,
 * it says how to create one. There is no built-in default password.
 */
@Singleton
public class AccountBootstrap implements ApplicationEventListener<StartupEvent> {

    /** Demo accounts; their passwords are published in docs/agents.md, so they exist only in demo mode. */
    static final String[][] DEMO_ACCOUNTS = {
            {"admin", "Alex (admin)", "admin", "demo-admin-password"},
            {"dana", "Dana", "agent", "demo-agent-password"},
            {"sam", "Sam", "agent", "demo-agent-password"},
    };

    private static final Logger LOG = LoggerFactory.getLogger(AccountBootstrap.class);

    private final StaffAccounts accounts;
    private final AdminBootstrapConfig admin;
    private final ChatbotConfig chatbot;

    public AccountBootstrap(StaffAccounts accounts, AdminBootstrapConfig admin, ChatbotConfig chatbot) {
        this.accounts = accounts;
        this.admin = admin;
        this.chatbot = chatbot;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            bootstrap();
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("could not create the start-up accounts");
        }
    }

    void bootstrap() {
        if (admin.getUsername().isPresent() != admin.getPassword().isPresent()) {
            LOG.warn("set both CHATBOT_ADMIN_USERNAME and CHATBOT_ADMIN_PASSWORD to create the first admin");
        } else if (admin.getUsername().isPresent()) {
            String name = admin.getUsername().get();
            try {
                if (accounts.createIfAbsent(name, admin.getDisplayName().orElse(name), StaffRole.ADMIN, admin.getPassword().get())) {
                    LOG.atInfo().addKeyValue("user", name).log("created the first admin from CHATBOT_ADMIN_USERNAME");
                } else {
                    LOG.atInfo().addKeyValue("user", name)
                            .log("the admin from CHATBOT_ADMIN_USERNAME exists; CHATBOT_ADMIN_PASSWORD is not applied again");
                }
            } catch (ApiException e) {
                LOG.atError().addKeyValue("user", name).addKeyValue("problem", e.getMessage())
                        .log("CHATBOT_ADMIN_USERNAME / CHATBOT_ADMIN_PASSWORD refused; no admin created");
            }
        }
        if (chatbot.isDemo()) {
            for (String[] a : DEMO_ACCOUNTS) {
                accounts.createIfAbsent(a[0], a[1], StaffRole.fromWire(a[2]).orElseThrow(), a[3]);
            }
            LOG.warn("DEMO MODE: demo accounts admin, dana and sam exist with the published passwords from docs/agents.md;"
                    + " never run a real shop with chatbot.demo=true");
        }
        if (!accounts.hasAdmin()) {
            LOG.warn("no admin account yet: set CHATBOT_ADMIN_USERNAME and CHATBOT_ADMIN_PASSWORD (at least 12 characters)"
                    + " and restart to create one");
        }
    }
}
