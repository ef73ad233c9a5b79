package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Staff;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.ModelStoreException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Training, evaluation and publishing (contracts section 7): {@code POST /api/admin/train} starts a background job
 * (one at a time), {@code GET /api/admin/train/{job}} reports its progress and result; {@code GET /api/admin/models}
 * lists the versions with their numbers and how each compares with the active one;
 * {@code POST /api/admin/models/{version}/activate} switches the running server to a version (rolling back is
 * activating an older one). Each evaluated version's report is served as JSON and as a self-contained HTML page.
 */
@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminModelsController {

    private static final Logger LOG = LoggerFactory.getLogger(AdminModelsController.class);
    private static final Pattern VERSION = Pattern.compile("\\d{8}-\\d{6}-\\d{3}(?:-\\d{1,4})?");
    /** The HTML report has inline styles and SVG, and never any script. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

    private final BotModelRegistry registry;
    private final TrainingJobs jobs;
    private final ModelEvaluations evaluations;
    private final AdminRequests requests;

    public AdminModelsController(BotModelRegistry registry, TrainingJobs jobs, ModelEvaluations evaluations,
                                 AdminConsoleConfig config) {
        this.registry = registry;
        this.jobs = jobs;
        this.evaluations = evaluations;
        this.requests = new AdminRequests(config);
    }

    // ---------------------------------------------------------------- jobs

    @Post(uri = "/train", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> train(HttpRequest<?> request, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, Set.of("activate"));
        TrainingJob job = jobs.train(who, AdminRequests.bool(in, "activate").orElse(false));
        return Json.status(HttpStatus.ACCEPTED, job.json()).header("Location", "/api/admin/train/" + job.id());
    }

    @Get(uri = "/train", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> jobs(HttpRequest<?> request) {
        Staff.of(request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        jobs.running().ifPresentOrElse(j -> out.set("running", j.json()), () -> out.putNull("running"));
        ArrayNode list = out.putArray("jobs");
        jobs.jobs().forEach(j -> list.add(j.json()));
        return Json.ok(out);
    }

    @Get(uri = "/train/{job}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> job(HttpRequest<?> request, @PathVariable String job) {
        Staff.of(request);
        return Json.ok(jobs.job(job).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                "There is no job '" + AdminRequests.clip(job) + "' (jobs are remembered until the server restarts).")).json());
    }

    // ---------------------------------------------------------------- versions

    @Get(uri = "/models", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> models(HttpRequest<?> request) {
        Staff.of(request);
        Optional<String> active = registry.activeVersion();
        Optional<ModelManifest> activeManifest = active.flatMap(this::manifestIfReadable);
        ObjectNode out = Json.MAPPER.createObjectNode();
        active.ifPresentOrElse(a -> out.put("active", a), () -> out.putNull("active"));
        registry.pinned().ifPresent(p -> out.put("published", p));
        List<ModelManifest> versions = new ArrayList<>(registry.versions());
        Collections.reverse(versions);
        ArrayNode list = out.putArray("versions");
        for (ModelManifest m : versions) {
            list.add(item(m, activeManifest));
        }
        return Json.ok(out);
    }

    @Get(uri = "/models/{version}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> model(HttpRequest<?> request, @PathVariable String version) {
        Staff.of(request);
        ModelManifest m = manifest(version);
        ObjectNode out = item(m, registry.activeVersion().flatMap(this::manifestIfReadable));
        evaluations.report(m.version(), ModelEvaluations.REPORT_JSON).ifPresent(p -> out.set("report", readJson(p)));
        return Json.ok(out);
    }

    @Get(uri = "/models/{version}/report.json", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> reportJson(HttpRequest<?> request, @PathVariable String version) {
        Staff.of(request);
        Path p = report(version, ModelEvaluations.REPORT_JSON);
        return HttpResponse.ok(read(p)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/models/{version}/report.html", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> reportHtml(HttpRequest<?> request, @PathVariable String version) {
        Staff.of(request);
        Path p = report(version, ModelEvaluations.REPORT_HTML);
        return HttpResponse.ok(read(p)).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8")
                .header("Content-Security-Policy", REPORT_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"evaluation-" + version + ".html\"");
    }

    @Post(uri = "/models/{version}/evaluate", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> evaluate(HttpRequest<?> request, @PathVariable String version, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        requests.object(body, Set.of());
        manifest(version);
        TrainingJob job = jobs.evaluate(who, version);
        return Json.status(HttpStatus.ACCEPTED, job.json()).header("Location", "/api/admin/train/" + job.id());
    }

    @Post(uri = "/models/{version}/activate", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> activate(HttpRequest<?> request, @PathVariable String version, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, Set.of("force"));
        boolean force = AdminRequests.bool(in, "force").orElse(false);
        ModelManifest target = manifest(version);
        Optional<String> previous = registry.activeVersion();
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (previous.isPresent() && !previous.get().equals(version)) {
            Optional<ModelManifest> active = manifestIfReadable(previous.get());
            if (active.isPresent()) {
                ModelEvaluations.Comparison c = evaluations.compare(target, active.get());
                out.set("comparison", c.json());
                if (c.blocksActivation() && !force) {
                    ObjectNode refusal = Json.MAPPER.createObjectNode().put("error", "regression")
                            .put("message", c.summary() + " Send {\"force\": true} to activate it anyway.");
                    refusal.set("comparison", c.json());
                    throw new AdminRefusal(HttpStatus.CONFLICT, refusal);
                }
            }
        }
        try {
            registry.publish(version);
        } catch (ModelStoreException | UncheckedIOException | IllegalStateException e) {
            throw new ApiException(HttpStatus.CONFLICT, "cannot_activate", "Version " + version
                    + " cannot be activated: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).addKeyValue("version", version).log("activation failed");
            throw new ApiException(HttpStatus.CONFLICT, "cannot_activate", "Version " + version
                    + " cannot be activated: " + e.getMessage());
        }
        LOG.atInfo().addKeyValue("user", who).addKeyValue("version", version)
                .addKeyValue("previous", previous.orElse("none")).addKeyValue("forced", force).log("model version activated");
        out.put("active", version);
        previous.ifPresentOrElse(p -> out.put("previous", p), () -> out.putNull("previous"));
        return Json.ok(out);
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode item(ModelManifest m, Optional<ModelManifest> active) {
        boolean isActive = active.map(a -> a.version().equals(m.version())).orElse(false);
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("version", m.version())
                .put("created", m.created())
                .put("trainSeconds", Math.round(m.trainSeconds() * 10) / 10.0)
                .put("dataFingerprint", m.dataFingerprint())
                .put("active", isActive);
        if (m.evaluation() != null) {
            n.set("evaluation", ModelEvaluations.headline(m.evaluation()));
        } else {
            n.putNull("evaluation");
        }
        if (!isActive && active.isPresent()) {
            n.set("comparison", evaluations.compare(m, active.get()).json());
        }
        n.put("hasReport", evaluations.report(m.version(), ModelEvaluations.REPORT_JSON).isPresent());
        return n;
    }

    private ModelManifest manifest(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("invalid_version", "'" + AdminRequests.clip(version) + "' is not a model version id.");
        }
        try {
            return registry.store().manifest(version);
        } catch (ModelStoreException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no readable model version " + version + ".");
        }
    }

    private Optional<ModelManifest> manifestIfReadable(String version) {
        try {
            return Optional.of(registry.store().manifest(version));
        } catch (ModelStoreException e) {
            return Optional.empty();
        }
    }

    private Path report(String version, String file) {
        manifest(version);
        return evaluations.report(version, file).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_evaluated",
                "Version " + version + " has not been evaluated yet."));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path p) {
        try {
            return Json.MAPPER.readTree(read(p));
        } catch (IOException e) {
            return Json.MAPPER.nullNode();
        }
    }
}
