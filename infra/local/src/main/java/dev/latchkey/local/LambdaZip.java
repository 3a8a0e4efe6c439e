package dev.latchkey.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment zip (the template's CodeUri), unpacked as Lambda unpacks it: its root and every
 * {@code lib/*.jar} make the class path. Unpacked once into a folder beside the zip named after the zip's SHA-256, so a
 * rebuilt zip is unpacked again and an unchanged one is not.
 */
final class LambdaZip {

    private static final Map<Path, List<URL>> UNPACKED = new ConcurrentHashMap<>();

    private LambdaZip() {
    }

    static List<URL> classPath(Path zip) {
        return UNPACKED.computeIfAbsent(zip.toAbsolutePath().normalize(), LambdaZip::unpack);
    }

    private static List<URL> unpack(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " does not exist: build the function zips first (mvn -q -DskipTests package)");
        }
        try {
            String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
            Path dir = zip.resolveSibling(name + "-" + sha256(zip).substring(0, 16));
            if (!Files.isDirectory(dir)) {
                Path tmp = Files.createTempDirectory(zip.getParent(), name + "-unpacking-");
                extract(zip, tmp);
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    delete(tmp);   // another runner unpacked the same zip meanwhile
                }
            }
            List<URL> urls = new ArrayList<>();
            urls.add(dir.toUri().toURL());
            Path lib = dir.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
            return List.copyOf(urls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    private static void extract(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
