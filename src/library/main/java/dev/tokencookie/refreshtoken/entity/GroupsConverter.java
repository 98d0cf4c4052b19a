package dev.tokencookie.refreshtoken.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps a caller's groups in one column as a JSON array, so that any group name survives and no join table is needed.
 */
@Converter
public class GroupsConverter implements AttributeConverter<Set<String>, String> {

    // Json.createObjectBuilder() and its siblings look the provider up through the ServiceLoader on every call, which
    // on Payara cost more than the rest of a request; the provider looked up once does not.
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public String convertToDatabaseColumn(Set<String> groups) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        new TreeSet<>(groups).forEach(array::add);
        return array.build().toString();
    }

    @Override
    public Set<String> convertToEntityAttribute(String column) {
        if (column == null || column.isEmpty()) {
            return Set.of();
        }
        try (var reader = JSON.createReader(new StringReader(column))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
