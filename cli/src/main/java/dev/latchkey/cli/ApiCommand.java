package dev.latchkey.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** A leaf command: the common options, a session built from them, and the command's own work. */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    Common common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(new Session(common, System.getenv(), System.in, System.out, System.err));
    }

    abstract int run(Session s) throws Exception;
}
