package org.lorasim.actors.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeListenerTest {

    @Test
    void everyListenerMethodIsForwardedToEachListenerInOrder() throws Exception {
        for (Method method : RunListener.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            List<String> calls = new ArrayList<>();
            CompositeListener composite = new CompositeListener(List.of(recording("first", calls),
                    recording("second", calls)));
            assertTrue(!CompositeListener.class.getMethod(method.getName(), method.getParameterTypes()).isDefault(),
                    "CompositeListener does not override " + method.getName());
            method.invoke(composite, arguments(method));
            assertEquals(List.of("first." + method.getName(), "second." + method.getName()), calls,
                    method.getName());
        }
    }

    private static RunListener recording(String name, List<String> calls) {
        return (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(),
                new Class<?>[]{RunListener.class}, (proxy, method, args) -> {
                    calls.add(name + "." + method.getName());
                    return null;
                });
    }

    private static Object[] arguments(Method method) {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == int.class) {
                args[i] = 0;
            } else if (types[i] == long.class) {
                args[i] = 0L;
            }
        }
        return args;
    }
}
