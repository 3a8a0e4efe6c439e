package dev.latchkey.template;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.template.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator watches: every function writes Lambda's JSON log format and names the metrics namespace, every
 * function has an errors and a throttles alarm, Latchkey's backend errors and the API's 5xx have theirs, every alarm
 * notifies AlarmTopicArn only when one is given, and the dashboard shows every function.
 */
class TemplateOperabilityTest {

    private static final String ALARM = "AWS::CloudWatch::Alarm";

    private static SamTemplate sam;

    @BeforeAll
    static void loadTemplate() throws IOException {
        sam = SamTemplate.load();
    }

    @Test
    void everyFunctionLogsJsonAndKnowsTheMetricsNamespace() {
        List<String> problems = new ArrayList<>();
        for (String id : sam.functionIds) {
            Map<String, Object> props = sam.effectiveProperties.get(id);
            Object format = map(props.get("LoggingConfig"), id + ".LoggingConfig").get("LogFormat");
            if (!"JSON".equals(format)) {
                problems.add(id + ": LoggingConfig.LogFormat is " + format);
            }
            Map<String, Object> variables = map(map(props.get("Environment"), id + ".Environment").get("Variables"), id);
            if (!Map.of("Ref", "MetricsNamespace").equals(variables.get("LATCHKEY_METRICS_NAMESPACE"))) {
                problems.add(id + ": LATCHKEY_METRICS_NAMESPACE is not !Ref MetricsNamespace");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        Map<String, List<String>> watched = new LinkedHashMap<>();
        for (Map<String, Object> alarm : alarms().values()) {
            if ("AWS/Lambda".equals(alarm.get("Namespace"))) {
                Object function = dimension(alarm, "FunctionName");
                if (function instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id) {
                    watched.computeIfAbsent(id, k -> new ArrayList<>()).add(String.valueOf(alarm.get("MetricName")));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String id : sam.functionIds) {
            List<String> metrics = watched.getOrDefault(id, List.of());
            if (!metrics.containsAll(List.of("Errors", "Throttles"))) {
                problems.add(id + " is watched for " + metrics);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void backendErrorsAndApi5xxHaveAlarms() {
        Map<String, Map<String, Object>> alarms = alarms();
        assertTrue(alarms.values().stream().anyMatch(a -> Map.of("Ref", "MetricsNamespace").equals(a.get("Namespace"))
                && "BackendErrors".equals(a.get("MetricName"))), "no alarm on Latchkey's BackendErrors metric");
        assertTrue(alarms.values().stream().anyMatch(a -> "AWS/ApiGateway".equals(a.get("Namespace"))
                && "5xx".equals(a.get("MetricName")) && Map.of("Ref", "HttpApi").equals(dimension(a, "ApiId"))),
                "no alarm on the HTTP API's 5xx");
    }

    @Test
    void alarmsNotifyTheTopicOnlyWhenOneIsGiven() {
        Object conditional = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")),
                Map.of("Ref", "AWS::NoValue")));
        List<String> problems = new ArrayList<>();
        alarms().forEach((id, alarm) -> {
            if (!conditional.equals(alarm.get("AlarmActions")) || !conditional.equals(alarm.get("OKActions"))) {
                problems.add(id + ": " + alarm.get("AlarmActions") + " / " + alarm.get("OKActions"));
            }
        });
        assertEquals(List.of(), problems);
        assertEquals("", map(sam.parameters().get("AlarmTopicArn"), "AlarmTopicArn").get("Default"));
    }

    @Test
    void theDashboardShowsEveryFunction() {
        Map<String, Object> dashboard = map(sam.resource("Dashboard").get("Properties"), "Dashboard.Properties");
        String body = String.valueOf(map(dashboard.get("DashboardBody"), "DashboardBody").get("Fn::Sub"));
        List<String> missing = new ArrayList<>();
        for (String id : sam.functionIds) {
            if (!body.contains("\"${" + id + "}\"")) {
                missing.add(id);
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(body.contains("ValidateOutcome") && body.contains("BackendErrors"), body);
    }

    private static Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
        sam.resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value, id);
            if (ALARM.equals(resource.get("Type"))) {
                alarms.put(id, map(resource.get("Properties"), id + ".Properties"));
            }
        });
        return alarms;
    }

    private static Object dimension(Map<String, Object> alarm, String name) {
        if (alarm.get("Dimensions") instanceof List<?> dimensions) {
            for (Object d : dimensions) {
                if (d instanceof Map<?, ?> m && name.equals(m.get("Name"))) {
                    return m.get("Value");
                }
            }
        }
        return null;
    }
}
