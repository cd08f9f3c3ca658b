"""The API's serializers, by entity: OParl's (`people`, `meetings`, `system`) and our own types
(`tracker`, `grants`). Each writes what the public may read of the objects its selector gives."""
