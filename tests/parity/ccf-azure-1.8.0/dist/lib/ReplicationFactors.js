"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AZURE_REPLICATION_FACTORS_FOR_SERVICES = void 0;
const common_1 = require("@cloud-carbon-footprint/common");
const domain_1 = require("../domain");
const { REPLICATION_FACTORS } = domain_1.AZURE_CLOUD_CONSTANTS;
var SERVICES;
(function (SERVICES) {
    SERVICES["STORAGE"] = "Storage";
    SERVICES["DB_MYSQL"] = "Azure Database for MySQL";
    SERVICES["COSMOS_DB"] = "Azure Cosmos DB";
    SERVICES["SQL_DB"] = "SQL Database";
    SERVICES["REDIS_CACHE"] = "Redis Cache";
})(SERVICES || (SERVICES = {}));
exports.AZURE_REPLICATION_FACTORS_FOR_SERVICES = {
    [SERVICES.STORAGE]: (usageType) => {
        if (usageType.includes('LRS'))
            return REPLICATION_FACTORS.STORAGE_LRS;
        if (usageType.includes('GZRS'))
            return REPLICATION_FACTORS.STORAGE_GZRS;
        if (usageType.includes('ZRS'))
            return REPLICATION_FACTORS.STORAGE_ZRS;
        if (usageType.includes('GRS'))
            return REPLICATION_FACTORS.STORAGE_GRS;
        if (usageType.includes('Disks'))
            return REPLICATION_FACTORS.STORAGE_DISKS;
        return REPLICATION_FACTORS.DEFAULT;
    },
    [SERVICES.DB_MYSQL]: () => {
        return REPLICATION_FACTORS.DATABASE_MYSQL;
    },
    [SERVICES.COSMOS_DB]: (usageType) => {
        if (usageType.includes('Data Stored'))
            return REPLICATION_FACTORS.COSMOS_DB;
        return REPLICATION_FACTORS.DEFAULT;
    },
    [SERVICES.SQL_DB]: (usageType) => {
        if ((0, common_1.containsAny)(['Data Stored', 'vCore'], usageType))
            return REPLICATION_FACTORS.SQL_DB;
        return REPLICATION_FACTORS.DEFAULT;
    },
    [SERVICES.REDIS_CACHE]: () => {
        return REPLICATION_FACTORS.REDIS_CACHE;
    },
};
