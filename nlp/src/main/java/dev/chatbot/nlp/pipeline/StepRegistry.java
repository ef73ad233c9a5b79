package dev.chatbot.nlp.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The step trainers available to the pipeline, by step name. The production registry finds them through
 * {@link ServiceLoader} ({@code META-INF/services/dev.chatbot.nlp.pipeline.StepTrainer}); tests build one
 * from explicit trainers.
 */
public final class StepRegistry {

    private final Map<String, StepTrainer> trainers;

    private StepRegistry(Map<String, StepTrainer> trainers) {
        this.trainers = Map.copyOf(trainers);
    }

    /** Every trainer on the class path. */
    public static StepRegistry discover() {
        return discover(StepRegistry.class.getClassLoader());
    }

    public static StepRegistry discover(ClassLoader loader) {
        Map<String, StepTrainer> found = new LinkedHashMap<>();
        for (StepTrainer t : ServiceLoader.load(StepTrainer.class, loader)) {
            StepTrainer other = found.putIfAbsent(t.name(), t);
            if (other != null && other.getClass() != t.getClass()) {
                throw new PipelineConfigException("two trainers for step '" + t.name() + "': "
                        + other.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return new StepRegistry(found);
    }

    /** A registry of exactly these trainers. */
    public static StepRegistry of(StepTrainer... trainers) {
        Map<String, StepTrainer> map = new LinkedHashMap<>();
        for (StepTrainer t : trainers) {
            if (map.put(t.name(), t) != null) {
                throw new PipelineConfigException("two trainers for step '" + t.name() + "'");
            }
        }
        return new StepRegistry(map);
    }

    /** This registry plus more trainers (which replace same-named ones). */
    public StepRegistry with(StepTrainer... more) {
        Map<String, StepTrainer> map = new LinkedHashMap<>(trainers);
        for (StepTrainer t : more) {
            map.put(t.name(), t);
        }
        return new StepRegistry(map);
    }

    public boolean has(String name) {
        return trainers.containsKey(name);
    }

    /** The trainer of a step; a clear error naming the known steps when there is none. */
    public StepTrainer trainer(String name) {
        StepTrainer t = trainers.get(name);
        if (t == null) {
            throw new PipelineConfigException("unknown step '" + name + "' (known steps: " + String.join(", ", names()) + ")");
        }
        return t;
    }

    /** Known step names, sorted. */
    public List<String> names() {
        return trainers.keySet().stream().sorted().toList();
    }
}
