package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.data.EntityDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleFindersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "please refund $25 | $25 | 25.00 USD",
            "it was 25 dollars | 25 dollars | 25.00 USD",
            "I paid EUR 12,50 for it | EUR 12,50 | 12.50 EUR",
            "only £30.5 | £30.5 | 30.50 GBP",
            "refund 12.50 euros now | 12.50 euros | 12.50 EUR",
            "charged 1,299.99 USD twice | 1,299.99 USD | 1299.99 USD",
            "charged 1.299,99 € twice | 1.299,99 € | 1299.99 EUR",
            "about 40 bucks | 40 bucks | 40.00 USD",
            "it is 20€ | 20€ | 20.00 EUR",
    })
    void amounts_are_normalised_to_two_decimals_and_a_currency_code(String text, String covered, String value) {
        List<EntityMention> found = new AmountFinder().find(text);
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("amount");
            assertThat(m.text()).isEqualTo(covered);
            assertThat(text.substring(m.start(), m.end())).isEqualTo(covered);
            assertThat(m.value()).isEqualTo(value);
        });
    }

    @Test
    void numbers_without_currency_are_not_amounts() {
        assertThat(new AmountFinder().find("I ordered 3 items, order 12345, call 555-1234")).isEmpty();
        assertThat(new AmountFinder().find("usd")).isEmpty();
    }

    @Test
    void emails_are_found_on_their_own_and_lower_cased() {
        List<EntityMention> found = new EmailFinder().find("mail me at John.Doe+shop@Example.CO.uk, thanks");
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("John.Doe+shop@Example.CO.uk");
            assertThat(m.value()).isEqualTo("john.doe+shop@example.co.uk");
        });
        assertThat(new EmailFinder().find("not an email: a@b, @foo.com, x@.com")).isEmpty();
    }

    @Test
    void lookup_matches_synonyms_case_insensitively_on_whole_tokens_longest_first() {
        LookupEntityFinder f = new LookupEntityFinder("payment_method", List.of(
                new EntityDefinition.LookupValue("credit_card", List.of("card", "visa", "credit card")),
                new EntityDefinition.LookupValue("paypal", List.of("pay pal"))));
        List<EntityMention> found = f.find("I paid by Credit Card, not PayPal or my cardigan");
        assertThat(found).extracting(EntityMention::text).containsExactly("Credit Card", "PayPal");
        assertThat(found).extracting(EntityMention::value).containsExactly("credit_card", "paypal");
        assertThat(f.find("visa.")).extracting(EntityMention::value).containsExactly("credit_card");
        assertThat(f.find("credit_card")).extracting(EntityMention::value).containsExactly("credit_card");
    }

    @Test
    void regex_finder_is_case_insensitive_and_normalises() {
        RegexEntityFinder f = new RegexEntityFinder("order_id", List.of("\\b[A-Z]{2}\\d{6}\\b"), EntitiesStepTrainer::orderId);
        assertThat(f.find("order ab123456 and CD654321")).extracting(EntityMention::value)
                .containsExactly("AB123456", "CD654321");
    }

    @Test
    void overlaps_keep_the_longest_deterministic_mention_and_deterministic_beats_learned() {
        EntityMention shortRule = new EntityMention("date", "Monday", 5, 11, "2026-03-09", "rule", 1);
        EntityMention longRule = new EntityMention("date", "last Monday", 0, 11, "2026-03-09", "rule", 1);
        EntityMention model = new EntityMention("person", "Monday", 5, 11, "Monday", "model", 0.9);
        EntityMention elsewhere = new EntityMention("city", "Paris", 15, 20, "Paris", "model", 0.8);
        assertThat(Mentions.resolve(List.of(shortRule, longRule), List.of(model, elsewhere)))
                .containsExactly(longRule, elsewhere);
    }
}
