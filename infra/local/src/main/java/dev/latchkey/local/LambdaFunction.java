package dev.latchkey.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.latchkey.local.template.SamTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Java function of the template, run the way Lambda's Java runtime runs it: its own class loader over the jars of
 * its own zip (parent: the platform class loader, plus the runtime's {@code aws-lambda-java-core} interfaces, which
 * Lambda's runtime provides too), its Handler class built with its no-argument constructor at the first invocation
 * (the cold start), and every invocation JSON in, JSON out through the Lambda runtime's own serializers. Two functions
 * deploying the same zip (validate and the authorizer) get two class loaders, as they get two containers in Lambda.
 *
 * <p>Configuration is what Lambda would give the function as environment variables, served to it as the
 * {@code application.properties} of its class loader, from memory (the pepper is never written to disk here).
 * Invocations may run concurrently on one instance (Lambda would start more containers instead).
 */
final class LambdaFunction implements ApiGateway.Invocable, AutoCloseable {

    private final SamTemplate.Function definition;
    private final List<URL> classPath;
    private final Map<String, byte[]> resources;
    private final java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
    private Handler handler;
    private FunctionClassLoader loader;
    private boolean closed;

    LambdaFunction(SamTemplate.Function definition, List<URL> classPath, Map<String, byte[]> resources) {
        this.definition = definition;
        this.classPath = List.copyOf(classPath);
        this.resources = Map.copyOf(resources);
    }

    String id() {
        return definition.id();
    }

    /** Invokes the handler with one event; the answer is the JSON the runtime would send back. */
    @Override
    public String invoke(String eventJson) {
        Handler h = initialized();
        invocations.incrementAndGet();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(h.loader());
        try {
            return h.invoke(eventJson.getBytes(StandardCharsets.UTF_8), new LocalContext(definition));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The cold start: class loader, handler instance (its Micronaut context starts in its constructor). */
    synchronized Handler initialized() {
        if (handler != null) {
            return handler;
        }
        if (closed) {
            throw new IllegalStateException(id() + " is stopped");
        }
        String name = definition.handler();
        if (name == null || name.contains("::")) {
            throw new IllegalStateException(id() + ": Handler " + name + " is not a class name (Class::method is not served locally)");
        }
        loader = new FunctionClassLoader(id(), classPath.toArray(URL[]::new), resources);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(name, true, loader);
            handler = new Handler(type.getConstructor().newInstance(), loader);
            return handler;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(id() + ": cannot build its handler " + name + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    long invocations() {
        return invocations.get();
    }

    /** Reflection into the function's own classes, for what only tests and the runner's start need. */
    ClassLoader classLoader() {
        return initialized().loader();
    }

    Object handlerInstance() {
        return initialized().instance();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (handler != null && handler.instance() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println(id() + ": closing its handler failed: " + e);
            }
        }
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // the jars stay open until exit; nothing else to do
            }
        }
        handler = null;
        loader = null;
    }

    /**
     * The handler instance and how the runtime talks to it. The serializers are chosen once per handler, as Lambda's
     * runtime does at init (building one per invocation costs a fifth of the runner's validate throughput).
     */
    static final class Handler {
        private final Object instance;
        private final ClassLoader loader;
        private final Type[] types;
        private final Map<Type, PojoSerializer<?>> serializers = new java.util.concurrent.ConcurrentHashMap<>();

        Handler(Object instance, ClassLoader loader) {
            this.instance = instance;
            this.loader = loader;
            this.types = instance instanceof RequestHandler<?, ?> ? typeArguments(instance.getClass(), RequestHandler.class) : null;
        }

        Object instance() {
            return instance;
        }

        ClassLoader loader() {
            return loader;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        String invoke(byte[] event, Context context) {
            try {
                if (instance instanceof RequestStreamHandler stream) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    stream.handleRequest(new ByteArrayInputStream(event), out, context);
                    return out.toString(StandardCharsets.UTF_8);
                }
                if (instance instanceof RequestHandler request) {
                    Object result = request.handleRequest(serializer(types[0]).fromJson(new ByteArrayInputStream(event)), context);
                    if (result == null) {
                        return "null";
                    }
                    Type outType = types[1] == Object.class ? result.getClass() : types[1];
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ((PojoSerializer) serializer(outType)).toJson(result, out);
                    return out.toString(StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException(instance.getClass().getName() + " is neither a RequestHandler nor a RequestStreamHandler");
        }

        /** As Lambda's runtime chooses: its event serializers for aws-lambda-java-events types, Jackson otherwise. */
        private PojoSerializer<?> serializer(Type type) {
            return serializers.computeIfAbsent(type, t -> {
                Class<?> raw = raw(t);
                if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
                    return LambdaEventSerializers.serializerFor(raw, loader);
                }
                return JacksonFactory.getInstance().getSerializer(t);
            });
        }
    }

    /** The actual type arguments {@code target<A, B>} takes on {@code type}'s way up its hierarchy. */
    static Type[] typeArguments(Class<?> type, Class<?> target) {
        Type[] found = find(type, target, new HashMap<>());
        if (found == null) {
            throw new IllegalArgumentException(type + " does not implement " + target);
        }
        return found;
    }

    private static Type[] find(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], arguments[i] instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : arguments[i]);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == target) {
            List<Type> out = new ArrayList<>();
            for (TypeVariable<?> v : raw.getTypeParameters()) {
                out.add(bindings.getOrDefault(v, Object.class));
            }
            return out.toArray(Type[]::new);
        }
        List<Type> supers = new ArrayList<>();
        if (raw.getGenericSuperclass() != null) {
            supers.add(raw.getGenericSuperclass());
        }
        Collections.addAll(supers, raw.getGenericInterfaces());
        for (Type s : supers) {
            Type[] r = find(s, target, new HashMap<>(bindings));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /**
     * The function's class path over its zip's jars. Parent: the platform class loader, except for the runtime
     * interfaces of {@code aws-lambda-java-core} ({@code Context}, {@code RequestHandler}, ...), which come from the
     * runner as they come from Lambda's runtime. Nothing of the runner, nor of another function, is visible.
     */
    static final class FunctionClassLoader extends URLClassLoader {

        private static final String RUNTIME_API = "com.amazonaws.services.lambda.runtime.";
        private static final ClassLoader RUNTIME = new ClassLoader("lambda-runtime", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (isRuntimeApi(name)) {
                    return LambdaFunction.class.getClassLoader().loadClass(name);
                }
                return super.loadClass(name, resolve);
            }
        };

        private final Map<String, byte[]> resources;

        FunctionClassLoader(String function, URL[] urls, Map<String, byte[]> resources) {
            super("function-" + function, urls, RUNTIME);
            this.resources = resources;
        }

        static boolean isRuntimeApi(String name) {
            if (!name.startsWith(RUNTIME_API)) {
                return false;
            }
            String rest = name.substring(RUNTIME_API.length());
            return !rest.startsWith("events.") && !rest.startsWith("serialization.");
        }

        @Override
        public URL findResource(String name) {
            URL own = memoryUrl(name);
            return own != null ? own : super.findResource(name);
        }

        @Override
        public Enumeration<URL> findResources(String name) throws IOException {
            URL own = memoryUrl(name);
            if (own == null) {
                return super.findResources(name);
            }
            List<URL> all = new ArrayList<>();
            all.add(own);
            all.addAll(Collections.list(super.findResources(name)));
            return Collections.enumeration(all);
        }

        private URL memoryUrl(String name) {
            byte[] bytes = resources.get(name);
            if (bytes == null) {
                return null;
            }
            try {
                return new URL("latchkey-local", getName(), -1, "/" + name, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL u) {
                        return new URLConnection(u) {
                            @Override
                            public void connect() {
                            }

                            @Override
                            public InputStream getInputStream() {
                                return new ByteArrayInputStream(bytes);
                            }
                        };
                    }
                });
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What Lambda's runtime passes as the context of one invocation. */
    private static final class LocalContext implements Context {
        private final SamTemplate.Function function;
        private final String requestId = UUID.randomUUID().toString();
        private final long deadline;

        LocalContext(SamTemplate.Function function) {
            this.function = function;
            this.deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "latchkey-local-" + function.id();
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + LocalRunner.REGION + ":" + LocalRunner.ACCOUNT_ID + ":function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return function.memoryMb();
        }

        @Override
        public LambdaLogger getLogger() {
            return STDERR;
        }

        private static final LambdaLogger STDERR = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
