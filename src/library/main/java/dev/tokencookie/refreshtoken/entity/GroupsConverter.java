package dev.tokencookie.refreshtoken.entity;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
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
