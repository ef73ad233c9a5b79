package dev.chatbot.connectors.admin;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings of the admin API ({@code chatbot.admin-console.*}): limits of edits, training and the regression check. */
@ConfigurationProperties("chatbot.admin-console")
public class AdminConsoleConfig {

    private int maxBodyBytes = 512 * 1024;
    private int maxTextChars = 5_000;
    private int maxListItems = 10_000;
    private String newIntentFolder = "custom";
    private double regressionTolerance = 0.01;
    private double holdOutFraction = 0.2;
    private int inboxScan = 2_000;
    private int jobHistory = 20;

    /** Largest request body an edit may send (JSON or YAML), in bytes. */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Longest single text (example, question, answer, pattern) an edit may contain. */
    public int getMaxTextChars() {
        return maxTextChars;
    }

    public void setMaxTextChars(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** Most items in one list (examples of an intent, FAQ alternatives, sentiment examples of a label). */
    public int getMaxListItems() {
        return maxListItems;
    }

    public void setMaxListItems(int maxListItems) {
        this.maxListItems = maxListItems;
    }

    /** Sub-folder of {@code intents/} for new intents when the admin names none. */
    public String getNewIntentFolder() {
        return newIntentFolder;
    }

    public void setNewIntentFolder(String newIntentFolder) {
        this.newIntentFolder = newIntentFolder;
    }

    /**
     * How much a headline number (accuracy, macro F1, out-of-scope recall, FAQ MAP, sentiment accuracy) may drop
     * before a new version counts as worse than the active one and needs an explicit "activate anyway".
     */
    public double getRegressionTolerance() {
        return regressionTolerance;
    }

    public void setRegressionTolerance(double regressionTolerance) {
        this.regressionTolerance = regressionTolerance;
    }

    /** Share of each intent's and label's examples held apart for evaluation when the data has no test-set/ folder. */
    public double getHoldOutFraction() {
        return holdOutFraction;
    }

    public void setHoldOutFraction(double holdOutFraction) {
        this.holdOutFraction = holdOutFraction;
    }

    /** How many recent bot turns the inbox of misunderstood messages looks through. */
    public int getInboxScan() {
        return inboxScan;
    }

    public void setInboxScan(int inboxScan) {
        this.inboxScan = inboxScan;
    }

    /** How many finished training jobs are remembered (in memory) for the console. */
    public int getJobHistory() {
        return jobHistory;
    }

    public void setJobHistory(int jobHistory) {
        this.jobHistory = jobHistory;
    }
}
