"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const moment_1 = __importDefault(require("moment"));
const common_1 = require("@cloud-carbon-footprint/common");
const core_1 = require("@cloud-carbon-footprint/core");
const ConsumptionDetailRow_1 = __importDefault(require("./ConsumptionDetailRow"));
const VirtualMachineTypes_1 = require("./VirtualMachineTypes");
const ConsumptionTypes_1 = require("./ConsumptionTypes");
const ReplicationFactors_1 = require("./ReplicationFactors");
const domain_1 = require("../domain");
const AzureRegions_1 = require("./AzureRegions");
class ConsumptionManagementService {
    constructor(computeEstimator, ssdStorageEstimator, hddStorageEstimator, networkingEstimator, memoryEstimator, unknownEstimator, embodiedEmissionsEstimator, consumptionManagementClient) {
        this.computeEstimator = computeEstimator;
        this.ssdStorageEstimator = ssdStorageEstimator;
        this.hddStorageEstimator = hddStorageEstimator;
        this.networkingEstimator = networkingEstimator;
        this.memoryEstimator = memoryEstimator;
        this.unknownEstimator = unknownEstimator;
        this.embodiedEmissionsEstimator = embodiedEmissionsEstimator;
        this.consumptionManagementClient = consumptionManagementClient;
        this.consumptionManagementLogger = new common_1.Logger('ConsumptionManagement');
        this.consumptionManagementRateLimitRemainingHeader =
            'x-ms-ratelimit-remaining-microsoft.consumption-tenant-requests';
        this.consumptionManagementRetryAfterHeader =
            'x-ms-ratelimit-microsoft.consumption-tenant-retry-after';
    }
    async getEstimates(startDate, endDate, grouping) {
        const usageRows = await this.getConsumptionUsageDetails(startDate, endDate);
        const results = [];
        const unknownRows = [];
        const filteredUsageRowsByDate = usageRows.filter((consumptionRow) => new Date(consumptionRow.date) >= startDate &&
            new Date(consumptionRow.date) <= endDate);
        for (const consumptionRow of filteredUsageRowsByDate) {
            const consumptionDetailRow = new ConsumptionDetailRow_1.default(consumptionRow);
            this.updateTimestampByGrouping(grouping, consumptionDetailRow);
            const emissionsFactors = await (0, common_1.getEmissionsFactors)(consumptionDetailRow.region, consumptionDetailRow.timestamp.toISOString(), domain_1.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, AzureRegions_1.AZURE_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES, this.consumptionManagementLogger);
            const footprintEstimate = this.getFootprintEstimateFromUsageRow(consumptionDetailRow, unknownRows, emissionsFactors);
            if (footprintEstimate) {
                (0, core_1.appendOrAccumulateEstimatesByDay)(results, consumptionDetailRow, footprintEstimate, grouping, []);
            }
        }
        if (results.length > 0) {
            unknownRows.map((rowData) => {
                const footprintEstimate = this.getEstimateForUnknownUsage(rowData);
                if (footprintEstimate)
                    (0, core_1.appendOrAccumulateEstimatesByDay)(results, rowData, footprintEstimate, grouping, []);
            });
        }
        return results;
    }
    async getEstimatesFromInputData(inputData) {
        const result = [];
        const unknownRows = [];
        for (const inputDataRow of inputData) {
            const usageRow = {
                id: '',
                name: '',
                type: '',
                tags: {},
                kind: 'legacy',
                date: new Date(''),
                quantity: 1,
                cost: 1,
                meterDetails: {
                    meterName: inputDataRow.usageType,
                    unitOfMeasure: inputDataRow.usageUnit,
                    meterCategory: inputDataRow.serviceName,
                    subscriptionName: '',
                    resourceLocation: inputDataRow.region,
                },
            };
            const dateTime = new Date().toISOString();
            const consumptionDetailRow = new ConsumptionDetailRow_1.default(usageRow);
            const emissionsFactors = await (0, common_1.getEmissionsFactors)(consumptionDetailRow.region, dateTime, domain_1.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, AzureRegions_1.AZURE_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES, this.consumptionManagementLogger);
            const footprintEstimate = this.getFootprintEstimateFromUsageRow(consumptionDetailRow, unknownRows, emissionsFactors);
            if (footprintEstimate) {
                result.push({
                    serviceName: inputDataRow.serviceName,
                    region: inputDataRow.region,
                    usageType: inputDataRow.usageType,
                    kilowattHours: footprintEstimate.kilowattHours,
                    co2e: footprintEstimate.co2e,
                });
            }
        }
        if (result.length > 0) {
            unknownRows.map((inputDataRow) => {
                const footprintEstimate = this.getEstimateForUnknownUsage(inputDataRow);
                if (footprintEstimate) {
                    result.push({
                        serviceName: inputDataRow.serviceName,
                        region: inputDataRow.region,
                        usageType: inputDataRow.usageType,
                        kilowattHours: footprintEstimate.kilowattHours,
                        co2e: footprintEstimate.co2e,
                    });
                }
            });
        }
        return result;
    }
    getFootprintEstimateFromUsageRow(consumptionDetailRow, unknownRows, emissionsFactors) {
        if (!this.isUnsupportedUsage(consumptionDetailRow)) {
            if (this.isUnknownUsage(consumptionDetailRow)) {
                unknownRows.push(consumptionDetailRow);
            }
            else {
                return this.getEstimateByPricingUnit(consumptionDetailRow, emissionsFactors);
            }
        }
    }
    updateTimestampByGrouping(grouping, consumptionDetailRow) {
        const startOfType = ConsumptionTypes_1.AZURE_QUERY_GROUP_BY[grouping];
        const firstDayOfGrouping = moment_1.default
            .utc(consumptionDetailRow.timestamp)
            .startOf(startOfType);
        consumptionDetailRow.timestamp = new Date(firstDayOfGrouping.toISOString());
    }
    getConsumptionTenantValue(e, type) {
        const tenantHeaders = {
            retry: this.consumptionManagementRetryAfterHeader,
            remaining: this.consumptionManagementRateLimitRemainingHeader,
        };
        return e.response.headers._headersMap.get(tenantHeaders[type])?.value;
    }
    async waitIfRateLimitExceeded(errorResponse, errorMsg) {
        const retryAfterValue = this.getConsumptionTenantValue(errorResponse, 'retry');
        const rateLimitRemainingValue = this.getConsumptionTenantValue(errorResponse, 'remaining');
        if (rateLimitRemainingValue == 0) {
            this.consumptionManagementLogger.warn(`${errorMsg} ${errorResponse.message}`);
            this.consumptionManagementLogger.info(`Retrying after ${retryAfterValue} seconds`);
            await (0, common_1.wait)(retryAfterValue * 1000);
        }
        else {
            throw new Error(`${errorMsg} ${errorResponse.message}`);
        }
    }
    async pageThroughUsageRows(usageRows) {
        const usageRowDetails = [];
        let currentRow;
        let hasNextPage = true;
        try {
            while (hasNextPage) {
                currentRow = await usageRows.next();
                if (currentRow?.value) {
                    usageRowDetails.push(currentRow.value);
                }
                hasNextPage = !currentRow.done;
            }
        }
        catch (error) {
            throw error;
        }
        return usageRowDetails;
    }
    async queryConsumptionUsageDetails(startDate, endDate, includeStart = true, includeEnd = true, maxRetries = 10) {
        let currentTry = 0;
        const errorMsg = `Azure ConsumptionManagementClient UsageDetailRow ${(0, common_1.configLoader)().AZURE.CONSUMPTION_CHUNKS_DAYS ? 'paging' : 'query'} for time range ${startDate.toISOString()} to ${endDate.toISOString()} failed. Reason:`;
        while (currentTry <= maxRetries) {
            currentTry++;
            try {
                const options = {
                    expand: 'properties/meterDetails',
                    filter: `properties/usageStart ${includeStart ? 'ge' : 'gt'} '${startDate.toISOString()}' AND properties/usageEnd ${includeEnd ? 'le' : 'lt'} '${endDate.toISOString()}'`,
                };
                if ((0, common_1.configLoader)().AZURE.CONSUMPTION_CHUNKS_DAYS) {
                    this.consumptionManagementLogger.debug(`Querying consumption usage details from ${startDate.toISOString()} to ${endDate.toISOString()} for ${this.consumptionManagementClient.subscriptionId}`);
                }
                const usageRows = this.consumptionManagementClient.usageDetails.list(`/subscriptions/${this.consumptionManagementClient.subscriptionId}/`, options);
                return await this.pageThroughUsageRows(usageRows);
            }
            catch (e) {
                await this.waitIfRateLimitExceeded(e, errorMsg);
            }
        }
        const err = new Error(`${errorMsg} max retries of ${maxRetries} exceeded, consider setting a smaller chunk size using AZURE_CONSUMPTION_CHUNKS_DAYS`);
        this.consumptionManagementLogger.error(err.message, err);
        throw err;
    }
    async getConsumptionUsageDetails(startDate, endDate) {
        this.consumptionManagementLogger.info(`Getting consumption usage details from ${startDate.toISOString()} to ${endDate.toISOString()}`);
        const AZURE = (0, common_1.configLoader)().AZURE;
        if (!AZURE.CONSUMPTION_CHUNKS_DAYS) {
            return await this.queryConsumptionUsageDetails(startDate, endDate);
        }
        this.consumptionManagementLogger.info(`Time range will be requested in chunks of ${AZURE.CONSUMPTION_CHUNKS_DAYS} days`);
        const stepMs = AZURE.CONSUMPTION_CHUNKS_DAYS * 24 * 60 * 60 * 1000;
        const result = [];
        let currentStartDate = new Date(startDate);
        let last = false;
        while (currentStartDate <= endDate) {
            let currentEndDate = new Date(Math.min(currentStartDate.getTime() + stepMs, endDate.getTime()));
            if (currentEndDate >= endDate)
                last = true;
            if (!last) {
                currentEndDate = new Date(currentEndDate.getTime() - 1);
            }
            const usageRowDetails = await this.queryConsumptionUsageDetails(currentStartDate, currentEndDate, true, last);
            result.push(...usageRowDetails);
            currentStartDate = new Date(currentStartDate.getTime() + stepMs);
        }
        return result;
    }
    getEstimateByPricingUnit(consumptionDetailRow, emissionsFactors) {
        const powerUsageEffectiveness = domain_1.AZURE_CLOUD_CONSTANTS.getPUE(consumptionDetailRow.region);
        switch (consumptionDetailRow.usageUnit) {
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOUR_1:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOUR_10:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOURS_10:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOUR_100:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOURS_100:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOUR_1000:
            case ConsumptionTypes_1.COMPUTE_USAGE_UNITS.HOURS_1000:
                const computeFootprint = this.getComputeFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors);
                const memoryFootprint = this.getMemoryFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors, true);
                const embodiedEmissions = this.getEmbodiedEmissions(consumptionDetailRow, emissionsFactors);
                if (this.isMemoryUsage(consumptionDetailRow.usageType)) {
                    return memoryFootprint;
                }
                if (memoryFootprint.kilowattHours || embodiedEmissions.co2e) {
                    const kilowattHours = computeFootprint.kilowattHours +
                        memoryFootprint.kilowattHours +
                        embodiedEmissions.kilowattHours;
                    (0, core_1.accumulateKilowattHours)(domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT, consumptionDetailRow, kilowattHours, core_1.AccumulateKilowattHoursBy.USAGE_AMOUNT);
                    return {
                        timestamp: memoryFootprint.timestamp,
                        kilowattHours: kilowattHours,
                        co2e: computeFootprint.co2e +
                            memoryFootprint.co2e +
                            embodiedEmissions.co2e,
                        usesAverageCPUConstant: computeFootprint.usesAverageCPUConstant,
                    };
                }
                if (computeFootprint)
                    (0, core_1.accumulateKilowattHours)(domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT, consumptionDetailRow, computeFootprint.kilowattHours, core_1.AccumulateKilowattHoursBy.USAGE_AMOUNT);
                return computeFootprint;
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.MONTH_1:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.MONTH_100:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.GB_MONTH_1:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.GB_MONTH_10:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.GB_MONTH_100:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.DAY_10:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.DAY_30:
            case ConsumptionTypes_1.STORAGE_USAGE_UNITS.TB_MONTH_1:
                return this.getStorageFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors);
            case ConsumptionTypes_1.NETWORKING_USAGE_UNITS.GB_1:
            case ConsumptionTypes_1.NETWORKING_USAGE_UNITS.GB_10:
            case ConsumptionTypes_1.NETWORKING_USAGE_UNITS.GB_100:
            case ConsumptionTypes_1.NETWORKING_USAGE_UNITS.GB_200:
            case ConsumptionTypes_1.NETWORKING_USAGE_UNITS.TB_1:
                return this.getNetworkingFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors);
            case ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_SECOND_1:
            case ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_SECONDS_50000:
            case ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_HOUR_1:
            case ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_HOURS_1000:
                return this.getMemoryFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors, false);
            default:
                this.consumptionManagementLogger.warn(`Unsupported usage unit: ${consumptionDetailRow.usageUnit}`);
                return {
                    timestamp: new Date(),
                    kilowattHours: 0,
                    co2e: 0,
                    usesAverageCPUConstant: false,
                };
        }
    }
    getNetworkingFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors) {
        let networkingEstimate;
        if (this.isNetworkingUsage(consumptionDetailRow)) {
            const networkingUsage = {
                timestamp: consumptionDetailRow.timestamp,
                gigabytes: this.getGigabytesForNetworking(consumptionDetailRow),
            };
            const networkingConstants = {
                powerUsageEffectiveness: powerUsageEffectiveness,
            };
            networkingEstimate = this.networkingEstimator.estimate([networkingUsage], consumptionDetailRow.region, emissionsFactors, networkingConstants)[0];
        }
        if (networkingEstimate) {
            networkingEstimate.usesAverageCPUConstant = false;
            (0, core_1.accumulateKilowattHours)(domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT, consumptionDetailRow, networkingEstimate.kilowattHours, core_1.AccumulateKilowattHoursBy.USAGE_AMOUNT);
        }
        return networkingEstimate;
    }
    getStorageFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors) {
        const usageAmountTerabyteHours = this.getUsageAmountInTerabyteHours(consumptionDetailRow);
        const storageUsage = {
            timestamp: consumptionDetailRow.timestamp,
            terabyteHours: usageAmountTerabyteHours,
        };
        const storageConstants = {
            powerUsageEffectiveness: powerUsageEffectiveness,
            replicationFactor: this.getReplicationFactor(consumptionDetailRow),
        };
        let estimate;
        if (this.isSSDStorage(consumptionDetailRow))
            estimate = this.ssdStorageEstimator.estimate([storageUsage], consumptionDetailRow.region, emissionsFactors, storageConstants)[0];
        else if (this.isHDDStorage(consumptionDetailRow))
            estimate = this.hddStorageEstimator.estimate([storageUsage], consumptionDetailRow.region, emissionsFactors, storageConstants)[0];
        else
            this.consumptionManagementLogger.warn(`Unexpected usage type for storage service: ${consumptionDetailRow.usageType}`);
        if (estimate) {
            estimate.usesAverageCPUConstant = false;
            (0, core_1.accumulateKilowattHours)(domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT, consumptionDetailRow, estimate.kilowattHours, core_1.AccumulateKilowattHoursBy.USAGE_AMOUNT);
        }
        return estimate;
    }
    getComputeFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors) {
        const computeProcessors = this.getComputeProcessorsFromUsageType(consumptionDetailRow.usageType);
        const computeUsage = {
            timestamp: consumptionDetailRow.timestamp,
            cpuUtilizationAverage: domain_1.AZURE_CLOUD_CONSTANTS.AVG_CPU_UTILIZATION_2020,
            vCpuHours: consumptionDetailRow.vCpuHours,
            usesAverageCPUConstant: true,
        };
        const computeConstants = {
            minWatts: domain_1.AZURE_CLOUD_CONSTANTS.getMinWatts(computeProcessors),
            maxWatts: domain_1.AZURE_CLOUD_CONSTANTS.getMaxWatts(computeProcessors),
            powerUsageEffectiveness: powerUsageEffectiveness,
            replicationFactor: this.getReplicationFactor(consumptionDetailRow),
        };
        const computeFootprintEstimate = this.computeEstimator.estimate([computeUsage], consumptionDetailRow.region, emissionsFactors, computeConstants)[0];
        if (this.isGpuUsage(consumptionDetailRow.usageType)) {
            return this.appendGpuComputeEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors, computeFootprintEstimate);
        }
        return computeFootprintEstimate;
    }
    appendGpuComputeEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors, computeFootprintEstimate) {
        const gpuComputeProcessors = this.getGpuComputeProcessorsFromUsageType(consumptionDetailRow.usageType);
        const gpuComputeUsage = {
            timestamp: consumptionDetailRow.timestamp,
            cpuUtilizationAverage: domain_1.AZURE_CLOUD_CONSTANTS.AVG_CPU_UTILIZATION_2020,
            vCpuHours: consumptionDetailRow.gpuHours,
            usesAverageCPUConstant: true,
        };
        const gpuComputeConstants = {
            minWatts: domain_1.AZURE_CLOUD_CONSTANTS.getMinWatts(gpuComputeProcessors),
            maxWatts: domain_1.AZURE_CLOUD_CONSTANTS.getMaxWatts(gpuComputeProcessors),
            powerUsageEffectiveness: powerUsageEffectiveness,
            replicationFactor: this.getReplicationFactor(consumptionDetailRow),
        };
        const gpuComputeFootprintEstimate = this.computeEstimator.estimate([gpuComputeUsage], consumptionDetailRow.region, emissionsFactors, gpuComputeConstants)[0];
        computeFootprintEstimate.kilowattHours +=
            gpuComputeFootprintEstimate.kilowattHours;
        computeFootprintEstimate.co2e += gpuComputeFootprintEstimate.co2e;
        return computeFootprintEstimate;
    }
    getMemoryFootprintEstimate(consumptionDetailRow, powerUsageEffectiveness, emissionsFactors, withCompute) {
        const memoryUsage = {
            timestamp: consumptionDetailRow.timestamp,
            gigabyteHours: this.getUsageAmountInGigabyteHours(consumptionDetailRow),
        };
        const memoryConstants = {
            powerUsageEffectiveness: powerUsageEffectiveness,
            replicationFactor: this.getReplicationFactor(consumptionDetailRow),
        };
        const memoryEstimate = this.memoryEstimator.estimate([memoryUsage], consumptionDetailRow.region, emissionsFactors, memoryConstants)[0];
        if (memoryEstimate) {
            memoryEstimate.usesAverageCPUConstant = false;
            !withCompute &&
                (0, core_1.accumulateKilowattHours)(domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT, consumptionDetailRow, memoryEstimate.kilowattHours, core_1.AccumulateKilowattHoursBy.USAGE_AMOUNT);
        }
        return memoryEstimate;
    }
    isMemoryUsage(usageType) {
        return (0, common_1.containsAny)(ConsumptionTypes_1.MEMORY_USAGE_TYPES, usageType);
    }
    isUnsupportedUsage(consumptionDetailRow) {
        return (0, common_1.containsAny)(ConsumptionTypes_1.UNSUPPORTED_USAGE_TYPES, consumptionDetailRow.usageType);
    }
    isUnknownUsage(consumptionDetailRow) {
        return ((0, common_1.containsAny)(ConsumptionTypes_1.UNKNOWN_SERVICES, consumptionDetailRow.serviceName) ||
            (0, common_1.containsAny)(ConsumptionTypes_1.UNKNOWN_USAGE_TYPES, consumptionDetailRow.usageType) ||
            !(0, common_1.containsAny)([
                ...Object.values(ConsumptionTypes_1.COMPUTE_USAGE_UNITS),
                ...Object.values(ConsumptionTypes_1.STORAGE_USAGE_UNITS),
                ...Object.values(ConsumptionTypes_1.NETWORKING_USAGE_UNITS),
                ...Object.values(ConsumptionTypes_1.MEMORY_USAGE_UNITS),
            ], consumptionDetailRow.usageUnit));
    }
    isGpuUsage(usageType) {
        return (0, common_1.containsAny)(Object.keys(VirtualMachineTypes_1.GPU_VIRTUAL_MACHINE_TYPES), usageType);
    }
    getUsageAmountInGigabyteHours(consumptionDetailRow) {
        if (consumptionDetailRow.usageUnit === ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_SECONDS_50000 ||
            consumptionDetailRow.usageUnit === ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_SECOND_1)
            return consumptionDetailRow.usageAmount / 3600;
        if (consumptionDetailRow.usageUnit === ConsumptionTypes_1.MEMORY_USAGE_UNITS.GB_HOUR_1)
            return consumptionDetailRow.usageAmount;
        return this.getGigabyteHoursFromInstanceTypeAndProcessors(consumptionDetailRow.usageType, consumptionDetailRow.usageAmount, consumptionDetailRow.seriesName);
    }
    getUsageAmountInTerabyteHours(consumptionDetailRow) {
        if (consumptionDetailRow.usageUnit === ConsumptionTypes_1.STORAGE_USAGE_UNITS.TB_MONTH_1)
            return consumptionDetailRow.usageAmount * 24;
        if (this.isSSDStorage(consumptionDetailRow) &&
            this.isManagedDiskStorage(consumptionDetailRow)) {
            const matchingDiskType = consumptionDetailRow.usageType.match(/(P|E)\d{1,2}/)[0];
            return (0, common_1.convertGigaBytesToTerabyteHours)(ConsumptionTypes_1.SSD_MANAGED_DISKS_STORAGE_GB[matchingDiskType]);
        }
        if (this.isHDDStorage(consumptionDetailRow) &&
            this.isManagedDiskStorage(consumptionDetailRow)) {
            return (0, common_1.convertGigaBytesToTerabyteHours)(ConsumptionTypes_1.HDD_MANAGED_DISKS_STORAGE_GB[consumptionDetailRow.usageType.replace(/Disks?/, '').trim()]);
        }
        if (this.isContainerRegistryStorage(consumptionDetailRow)) {
            return (0, common_1.convertGigaBytesToTerabyteHours)(ConsumptionTypes_1.CONTAINER_REGISTRY_STORAGE_GB[consumptionDetailRow.usageType.replace(' Registry Unit', '')]);
        }
        return (0, common_1.convertGigaBytesToTerabyteHours)(consumptionDetailRow.usageAmount);
    }
    isSSDStorage(consumptionDetailRow) {
        return ((0, common_1.containsAny)(Object.keys(ConsumptionTypes_1.SSD_MANAGED_DISKS_STORAGE_GB), consumptionDetailRow.usageType) || (0, common_1.containsAny)(ConsumptionTypes_1.STORAGE_USAGE_TYPES, consumptionDetailRow.usageType));
    }
    isHDDStorage(consumptionDetailRow) {
        return (0, common_1.containsAny)(Object.keys(ConsumptionTypes_1.HDD_MANAGED_DISKS_STORAGE_GB), consumptionDetailRow.usageType);
    }
    isManagedDiskStorage(consumptionDetailRow) {
        return (0, common_1.containsAny)([
            ...Object.keys(ConsumptionTypes_1.SSD_MANAGED_DISKS_STORAGE_GB),
            ...Object.keys(ConsumptionTypes_1.HDD_MANAGED_DISKS_STORAGE_GB),
        ], consumptionDetailRow.usageType);
    }
    isContainerRegistryStorage(consumptionDetailRow) {
        return (0, common_1.containsAny)(Object.keys(ConsumptionTypes_1.CONTAINER_REGISTRY_STORAGE_GB).map((registryType) => `${registryType} Registry Unit`), consumptionDetailRow.usageType);
    }
    isNetworkingUsage(consumptionDetailRow) {
        return ((0, common_1.containsAny)(ConsumptionTypes_1.NETWORKING_USAGE_TYPES, consumptionDetailRow.usageType) &&
            !consumptionDetailRow.usageType.includes('To Any'));
    }
    getGigabytesForNetworking(consumptionDetailRow) {
        if (consumptionDetailRow.usageUnit.includes('TB'))
            return (0, common_1.convertTerabytesToGigabytes)(consumptionDetailRow.usageAmount);
        return consumptionDetailRow.usageAmount;
    }
    getComputeProcessorsFromUsageType(usageType) {
        return (VirtualMachineTypes_1.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[usageType] || [
            core_1.COMPUTE_PROCESSOR_TYPES.UNKNOWN,
        ]);
    }
    getGpuComputeProcessorsFromUsageType(usageType) {
        return (VirtualMachineTypes_1.GPU_VIRTUAL_MACHINE_TYPE_PROCESSOR_MAPPING[usageType] || [
            core_1.COMPUTE_PROCESSOR_TYPES.UNKNOWN,
        ]);
    }
    getGigabyteHoursFromInstanceTypeAndProcessors(usageType, usageAmount, seriesName) {
        if (ConsumptionTypes_1.MEMORY_USAGE_TYPES.includes(usageType)) {
            if (usageType.includes('Cache'))
                return this.getGigabyteHoursFromCacheName(usageType, usageAmount);
            return usageAmount;
        }
        const instanceTypeMemory = VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName]?.[usageType]?.[1];
        const { isValidInstanceType } = this.checkInstanceTypes(seriesName);
        if (!isValidInstanceType || !instanceTypeMemory)
            return 0;
        const processors = VirtualMachineTypes_1.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING[usageType] || [
            core_1.COMPUTE_PROCESSOR_TYPES.UNKNOWN,
        ];
        const processorMemory = domain_1.AZURE_CLOUD_CONSTANTS.getMemory(processors);
        const seriesInstanceTypes = Object.values(VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName]);
        const [largestInstanceTypevCpus, largestInstanceTypeMemory] = seriesInstanceTypes[seriesInstanceTypes.length - 1];
        return (0, core_1.calculateGigabyteHours)((0, core_1.getPhysicalChips)(largestInstanceTypevCpus), largestInstanceTypeMemory, processorMemory, instanceTypeMemory, usageAmount);
    }
    getGigabyteHoursFromCacheName(usageType, usageAmount) {
        const cacheName = usageType.split(' ')[0];
        return ConsumptionTypes_1.CACHE_MEMORY_GB[cacheName] * usageAmount;
    }
    checkInstanceTypes(seriesName) {
        const isValidInstanceType = Object.keys(VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING).includes(seriesName);
        return { isValidInstanceType };
    }
    getReplicationFactor(usageRow) {
        return (ReplicationFactors_1.AZURE_REPLICATION_FACTORS_FOR_SERVICES[usageRow.serviceName] &&
            ReplicationFactors_1.AZURE_REPLICATION_FACTORS_FOR_SERVICES[usageRow.serviceName](usageRow.usageType, usageRow.region));
    }
    getEstimateForUnknownUsage(rowData) {
        const unknownUsage = {
            timestamp: rowData.timestamp,
            usageAmount: rowData.usageAmount,
            usageUnit: rowData.usageUnit,
        };
        const unknownConstants = {
            kilowattHoursByServiceAndUsageUnit: domain_1.AZURE_CLOUD_CONSTANTS.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT,
        };
        return this.unknownEstimator.estimate([unknownUsage], rowData.region, domain_1.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, unknownConstants)[0];
    }
    getEmbodiedEmissions(consumptionDetailRow, emissionsFactors) {
        const { instancevCpu, scopeThreeEmissions, largestInstancevCpu } = this.getDataFromSeriesNameAndUsageType(consumptionDetailRow.seriesName, consumptionDetailRow.usageType);
        if (!instancevCpu || !scopeThreeEmissions || !largestInstancevCpu)
            return {
                timestamp: new Date(),
                kilowattHours: 0,
                co2e: 0,
            };
        const embodiedEmissionsUsage = {
            instancevCpu,
            largestInstancevCpu,
            usageTimePeriod: consumptionDetailRow.usageAmount / instancevCpu,
            scopeThreeEmissions,
        };
        return this.embodiedEmissionsEstimator.estimate([embodiedEmissionsUsage], consumptionDetailRow.region, emissionsFactors)[0];
    }
    getDataFromSeriesNameAndUsageType(seriesName, usageType) {
        const instancevCpu = VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName]?.[usageType]?.[0] ||
            VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING[usageType]?.[0];
        const scopeThreeEmissions = VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName]?.[usageType]?.[2] ||
            VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING[usageType]?.[3];
        let largestInstancevCpu;
        if (seriesName) {
            const seriesInstanceTypes = Object.values(VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName]);
            [largestInstancevCpu] =
                seriesInstanceTypes[seriesInstanceTypes.length - 1];
        }
        else {
            largestInstancevCpu =
                VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING[usageType]?.[2];
        }
        return {
            instancevCpu,
            scopeThreeEmissions,
            largestInstancevCpu,
        };
    }
}
exports.default = ConsumptionManagementService;
