"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AZURE_QUERY_GROUP_BY = exports.CONTAINER_REGISTRY_STORAGE_GB = exports.HDD_MANAGED_DISKS_STORAGE_GB = exports.SSD_MANAGED_DISKS_STORAGE_GB = exports.CACHE_MEMORY_GB = exports.MEMORY_USAGE_TYPES = exports.NETWORKING_USAGE_TYPES = exports.STORAGE_USAGE_TYPES = exports.MEMORY_USAGE_UNITS = exports.NETWORKING_USAGE_UNITS = exports.STORAGE_USAGE_UNITS = exports.COMPUTE_USAGE_UNITS = exports.UNSUPPORTED_USAGE_TYPES = exports.UNKNOWN_USAGE_TYPES = exports.UNKNOWN_SERVICES = void 0;
exports.UNKNOWN_SERVICES = [
    'Azure Bastion',
    'Load Balancer',
    'VPN Gateway',
    'Azure Front Door Service',
    'Azure Databricks',
    'Azure Data Factory v2',
    'API Management',
    'Advanced Data Security',
    'Virtual Machines Licenses',
];
exports.UNKNOWN_USAGE_TYPES = [
    'Server - Free',
    'Requests',
    'Custom Domain',
];
exports.UNSUPPORTED_USAGE_TYPES = [
    'Rulesets',
    'Rules',
    'Policies',
    'Kafka Surcharge',
    'License',
];
var COMPUTE_USAGE_UNITS;
(function (COMPUTE_USAGE_UNITS) {
    COMPUTE_USAGE_UNITS["HOUR_1"] = "1 Hour";
    COMPUTE_USAGE_UNITS["HOUR_10"] = "10 Hour";
    COMPUTE_USAGE_UNITS["HOURS_10"] = "10 Hours";
    COMPUTE_USAGE_UNITS["HOUR_100"] = "100 Hour";
    COMPUTE_USAGE_UNITS["HOURS_100"] = "100 Hours";
    COMPUTE_USAGE_UNITS["HOUR_1000"] = "1000 Hour";
    COMPUTE_USAGE_UNITS["HOURS_1000"] = "1000 Hours";
})(COMPUTE_USAGE_UNITS = exports.COMPUTE_USAGE_UNITS || (exports.COMPUTE_USAGE_UNITS = {}));
var STORAGE_USAGE_UNITS;
(function (STORAGE_USAGE_UNITS) {
    STORAGE_USAGE_UNITS["MONTH_1"] = "1 /Month";
    STORAGE_USAGE_UNITS["MONTH_100"] = "100 /Month";
    STORAGE_USAGE_UNITS["GB_MONTH_1"] = "1 GB/Month";
    STORAGE_USAGE_UNITS["GB_MONTH_10"] = "10 GB/Month";
    STORAGE_USAGE_UNITS["GB_MONTH_100"] = "100 GB/Month";
    STORAGE_USAGE_UNITS["DAY_10"] = "10 /Day";
    STORAGE_USAGE_UNITS["DAY_30"] = "30 /Day";
    STORAGE_USAGE_UNITS["TB_MONTH_1"] = "1 TB/Month";
})(STORAGE_USAGE_UNITS = exports.STORAGE_USAGE_UNITS || (exports.STORAGE_USAGE_UNITS = {}));
var NETWORKING_USAGE_UNITS;
(function (NETWORKING_USAGE_UNITS) {
    NETWORKING_USAGE_UNITS["GB_1"] = "1 GB";
    NETWORKING_USAGE_UNITS["TB_1"] = "1 TB";
    NETWORKING_USAGE_UNITS["GB_10"] = "10 GB";
    NETWORKING_USAGE_UNITS["GB_100"] = "100 GB";
    NETWORKING_USAGE_UNITS["GB_200"] = "200 GB";
})(NETWORKING_USAGE_UNITS = exports.NETWORKING_USAGE_UNITS || (exports.NETWORKING_USAGE_UNITS = {}));
var MEMORY_USAGE_UNITS;
(function (MEMORY_USAGE_UNITS) {
    MEMORY_USAGE_UNITS["GB_SECOND_1"] = "1 GB Second";
    MEMORY_USAGE_UNITS["GB_SECONDS_50000"] = "50000 GB Seconds";
    MEMORY_USAGE_UNITS["GB_HOUR_1"] = "1 GB Hour";
    MEMORY_USAGE_UNITS["GB_HOURS_1000"] = "1000 GB Hours";
})(MEMORY_USAGE_UNITS = exports.MEMORY_USAGE_UNITS || (exports.MEMORY_USAGE_UNITS = {}));
exports.STORAGE_USAGE_TYPES = [
    'Data Stored',
    'Metadata',
    'Registry Unit',
    'ZRS',
    'LRS',
    'GRS',
    'GZRS',
    'Data Retention',
    'Pay-as-you-go Data at Rest',
    'Standard Instances',
    'Node',
    '10 DTUs',
    'S0 DTUs',
    'B DTUs',
    'B DTU',
    'eDTUs',
    'On Premises Server Protected Instances',
    'Standard Trial Nodes',
    'Azure VM Protected Instances',
    'Standard User',
    'Multi-step Web Test',
    'S0 Secondary Active DTUs',
    'Resource Monitored at 5 Minute Frequency',
    'VM Replicated to Azure',
    'Basic User',
    'Standard Nodes',
    'Microsoft-hosted CI',
    'Data Processing Unit',
    'Pay as you go Warm Storage',
    'Standard Unit',
];
exports.NETWORKING_USAGE_TYPES = [
    'Geo-Replication Data transfer',
    'Data Transfer Out',
    'Egress',
    'Geo-Replication v2 Data transfer',
    'Data Processed - Egress',
];
exports.MEMORY_USAGE_TYPES = [
    'Execution Time',
    'Memory Duration',
    'C1 Cache Instance',
];
exports.CACHE_MEMORY_GB = {
    C0: 0.25,
    C1: 1,
    C2: 2.5,
    C3: 6,
    C4: 13,
    C5: 26,
    C6: 53,
    P1: 6,
    P2: 13,
    P3: 26,
    P4: 53,
    P5: 120,
    E10: 12,
    E20: 25,
    E50: 50,
    E100: 100,
    F300: 384,
    F700: 715,
    F1500: 1455,
};
exports.SSD_MANAGED_DISKS_STORAGE_GB = {
    P1: 4,
    P2: 8,
    P3: 16,
    P4: 32,
    P6: 64,
    P10: 128,
    P15: 256,
    P20: 512,
    P30: 1024,
    P40: 2048,
    P50: 4096,
    P60: 8192,
    P70: 16384,
    P80: 32767,
    E1: 4,
    E2: 8,
    E3: 16,
    E4: 32,
    E6: 64,
    E10: 128,
    E15: 256,
    E20: 512,
    E30: 1024,
    E40: 2048,
    E50: 4096,
    E60: 8192,
    E70: 16384,
    E80: 32767,
};
exports.HDD_MANAGED_DISKS_STORAGE_GB = {
    S4: 32,
    S6: 64,
    S10: 128,
    S15: 256,
    S20: 512,
    S30: 1024,
    S40: 2048,
    S50: 4096,
    S60: 8192,
    S70: 16384,
    S80: 32767,
};
exports.CONTAINER_REGISTRY_STORAGE_GB = {
    Basic: 10,
    Standard: 100,
    Premium: 500,
};
exports.AZURE_QUERY_GROUP_BY = {
    day: 'day',
    week: 'isoWeek',
    month: 'month',
    quarter: 'quarter',
    year: 'year',
};
